package dev.mlsd.adctr.model;

import dev.mlsd.adctr.features.EncodedRows;
import java.util.function.LongConsumer;

/**
 * Logistic regression on hashed binary features plus crosses, trained online with FTRL-Proximal
 * (McMahan et al., "Ad Click Prediction: a View from the Trenches", KDD 2013): per-coordinate
 * learning rates and an L1 term that keeps most weights exactly zero. The book's baseline, and the
 * model the continual-learning replay fine-tunes chunk by chunk ({@link #update}).
 *
 * <p>Scoring is a sum of weights over the row's ids: {@code p = sigmoid(bias + sum w[id])}.
 *
 * <p>Book: chapter 8, "Logistic regression" and "Feature crossing + LR"; "Continual learning".
 *
 * <p>Thread safety: not thread-safe while training; {@link #score} is safe for concurrent readers
 * once training has finished.
 */
public final class FtrlLogisticRegression implements ClickModel {
  /**
   * FTRL-Proximal hyper-parameters.
   *
   * @param alpha learning-rate scale
   * @param beta learning-rate smoothing
   * @param l1 L1 strength (sparsity)
   * @param l2 L2 strength
   * @param epochs passes over the training rows, in time order
   */
  public record Params(double alpha, double beta, double l1, double l2, int epochs) {
    /** Defaults chosen on the Criteo validation split. */
    public static final Params DEFAULT = new Params(0.05, 1.0, 0.5, 5.0, 2);
  }

  private final String name;
  private final Params params;
  private final int featureCount;
  private final float[] z;
  private final float[] nsq;
  private final float[] w;
  private double biasZ;
  private double biasN;
  private float bias;

  /**
   * An untrained model.
   *
   * @param name display name
   * @param featureCount size of the id space
   */
  public FtrlLogisticRegression(String name, int featureCount, Params params) {
    if (featureCount < 1) {
      throw new IllegalArgumentException("featureCount must be >= 1");
    }
    this.name = name;
    this.params = params;
    this.featureCount = featureCount;
    this.z = new float[featureCount];
    this.nsq = new float[featureCount];
    this.w = new float[featureCount];
  }

  /** Trains on the linear ids of {@code train}, {@code epochs} passes in time order. */
  public static FtrlLogisticRegression train(
      String name, int featureCount, Params params, EncodedRows train, LongConsumer progress) {
    FtrlLogisticRegression m = new FtrlLogisticRegression(name, featureCount, params);
    for (int e = 0; e < params.epochs(); e++) {
      m.update(train.linearIds(), train.labels());
      progress.accept(train.size());
    }
    return m;
  }

  /** One online pass over rows in order (fine-tuning on fresh data). */
  public void update(int[][] ids, boolean[] labels) {
    for (int i = 0; i < ids.length; i++) {
      updateOne(ids[i], labels[i]);
    }
  }

  /** One FTRL step on one row. */
  public void updateOne(int[] ids, boolean label) {
    // lazily materialise the weights this row touches from (z, n)
    double s = bias;
    for (int id : ids) {
      w[id] = weight(z[id], nsq[id]);
      s += w[id];
    }
    double p = sigmoid(s);
    double g = p - (label ? 1 : 0);
    double sigma = (Math.sqrt(biasN + g * g) - Math.sqrt(biasN)) / params.alpha();
    biasZ += g - sigma * bias;
    biasN += g * g;
    bias = (float) (-biasZ / ((params.beta() + Math.sqrt(biasN)) / params.alpha()));
    for (int id : ids) {
      double n0 = nsq[id];
      double sg = (Math.sqrt(n0 + g * g) - Math.sqrt(n0)) / params.alpha();
      z[id] += (float) (g - sg * w[id]);
      nsq[id] = (float) (n0 + g * g);
      w[id] = weight(z[id], nsq[id]);
    }
  }

  private float weight(double zi, double ni) {
    if (Math.abs(zi) <= params.l1()) {
      return 0f;
    }
    return (float)
        (-(zi - Math.signum(zi) * params.l1())
            / ((params.beta() + Math.sqrt(ni)) / params.alpha() + params.l2()));
  }

  /** The click probability of one row of linear ids. Allocation-free. */
  public float score(int[] ids, int from, int count) {
    double s = bias;
    for (int i = from; i < from + count; i++) {
      s += w[ids[i]];
    }
    return (float) sigmoid(s);
  }

  @Override
  public float[] predict(EncodedRows rows) {
    float[] p = new float[rows.size()];
    for (int i = 0; i < p.length; i++) {
      int[] ids = rows.linearIds()[i];
      p[i] = score(ids, 0, ids.length);
    }
    return p;
  }

  /** A copy of this model's full state, to freeze it or fine-tune a branch. */
  public FtrlLogisticRegression copy(String newName) {
    FtrlLogisticRegression m = new FtrlLogisticRegression(newName, featureCount, params);
    System.arraycopy(z, 0, m.z, 0, featureCount);
    System.arraycopy(nsq, 0, m.nsq, 0, featureCount);
    System.arraycopy(w, 0, m.w, 0, featureCount);
    m.biasZ = biasZ;
    m.biasN = biasN;
    m.bias = bias;
    return m;
  }

  /** The weights (read-only by contract), for export. */
  public float[] weights() {
    return w;
  }

  /** The bias. */
  public float bias() {
    return bias;
  }

  /** Number of non-zero weights (FTRL's L1 keeps most at zero). */
  public int nonZero() {
    int c = 0;
    for (float v : w) {
      if (v != 0) {
        c++;
      }
    }
    return c;
  }

  /** The hyper-parameters. */
  public Params params() {
    return params;
  }

  @Override
  public String name() {
    return name;
  }

  static double sigmoid(double s) {
    return 1 / (1 + Math.exp(-s));
  }
}
