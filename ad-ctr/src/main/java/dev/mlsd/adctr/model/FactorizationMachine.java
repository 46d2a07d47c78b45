package dev.mlsd.adctr.model;

import dev.mlsd.adctr.features.EncodedRows;
import java.util.SplittableRandom;
import java.util.function.LongConsumer;

/**
 * A second-order factorisation machine (Rendle, ICDM 2010) over the per-field ids: every pair of
 * features interacts through the dot product of their latent vectors,
 *
 * <pre>
 *   logit = w0 + sum_i w[i] + 1/2 * sum_k [ (sum_i v[i][k])^2 - sum_i v[i][k]^2 ]
 * </pre>
 *
 * which costs O(fields * k) instead of O(fields^2 * k). Trained with AdaGrad on the log loss, L2 on
 * the weights, rows shuffled per epoch with the seed; the epoch with the best validation loss is
 * kept.
 *
 * <p>Book: chapter 8, "Factorization machines".
 *
 * <p>Thread safety: {@link #score} may be called concurrently once trained; training is
 * single-threaded.
 */
public final class FactorizationMachine implements ClickModel {
  /**
   * Hyper-parameters.
   *
   * @param k latent dimension
   * @param learningRate AdaGrad step
   * @param l2 L2 on weights and latent vectors
   * @param maxEpochs passes at most (early stopping on validation)
   * @param initStd standard deviation of the initial latent vectors
   */
  public record Params(int k, double learningRate, double l2, int maxEpochs, double initStd) {
    /** Defaults chosen on the Criteo validation split. */
    public static final Params DEFAULT = new Params(8, 0.05, 1e-4, 8, 0.01);
  }

  private final int k;
  private final int featureCount;
  private float w0;
  private final float[] w;
  private final float[] v;

  private FactorizationMachine(int featureCount, int k) {
    this.k = k;
    this.featureCount = featureCount;
    this.w = new float[featureCount];
    this.v = new float[featureCount * k];
  }

  /**
   * Trains on the field ids.
   *
   * @param featureCount size of the id space
   * @param validation rows for early stopping
   */
  public static FactorizationMachine train(
      int featureCount,
      Params p,
      EncodedRows train,
      EncodedRows validation,
      long seed,
      LongConsumer progress) {
    FactorizationMachine m = new FactorizationMachine(featureCount, p.k());
    SplittableRandom rnd = new SplittableRandom(seed);
    for (int i = 0; i < m.v.length; i++) {
      m.v[i] = (float) (gaussian(rnd) * p.initStd());
    }
    float[] gw = new float[featureCount];
    float[] gv = new float[featureCount * p.k()];
    float[] g0 = new float[1];
    int n = train.size();
    int[] order = new int[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    double best = Double.POSITIVE_INFINITY;
    FactorizationMachine bestModel = m.copy();
    double[] sum = new double[p.k()];
    for (int epoch = 0; epoch < p.maxEpochs(); epoch++) {
      shuffle(order, rnd);
      for (int t = 0; t < n; t++) {
        int row = order[t];
        m.step(train.fieldIds()[row], train.labels()[row], p, gw, gv, g0, sum);
      }
      progress.accept(n);
      double loss = logLoss(m.predict(validation), validation.labels());
      if (loss < best) {
        best = loss;
        bestModel = m.copy();
      } else {
        break;
      }
    }
    return bestModel;
  }

  private void step(
      int[] ids, boolean label, Params p, float[] gw, float[] gv, float[] g0, double[] sum) {
    double logit = logit(ids, sum);
    double g = FtrlLogisticRegression.sigmoid(logit) - (label ? 1 : 0);
    double lr = p.learningRate();
    g0[0] += (float) (g * g);
    w0 -= (float) (lr * g / Math.sqrt(g0[0] + 1e-8));
    for (int id : ids) {
      double gi = g + p.l2() * w[id];
      gw[id] += (float) (gi * gi);
      w[id] -= (float) (lr * gi / Math.sqrt(gw[id] + 1e-8));
      int base = id * k;
      for (int f = 0; f < k; f++) {
        double vif = v[base + f];
        double gf = g * (sum[f] - vif) + p.l2() * vif;
        gv[base + f] += (float) (gf * gf);
        v[base + f] -= (float) (lr * gf / Math.sqrt(gv[base + f] + 1e-8));
      }
    }
  }

  /** The logit of one row; {@code sum} receives the per-factor sums (scratch, length k). */
  private double logit(int[] ids, double[] sum) {
    double s = w0;
    double sq = 0;
    java.util.Arrays.fill(sum, 0);
    for (int id : ids) {
      s += w[id];
      int base = id * k;
      for (int f = 0; f < k; f++) {
        double x = v[base + f];
        sum[f] += x;
        sq += x * x;
      }
    }
    double inter = 0;
    for (int f = 0; f < k; f++) {
      inter += sum[f] * sum[f];
    }
    return s + 0.5 * (inter - sq);
  }

  /** The click probability of one row of field ids; {@code scratch} has length {@link #k()}. */
  public float score(int[] ids, double[] scratch) {
    return (float) FtrlLogisticRegression.sigmoid(logit(ids, scratch));
  }

  @Override
  public float[] predict(EncodedRows rows) {
    float[] p = new float[rows.size()];
    double[] scratch = new double[k];
    for (int i = 0; i < p.length; i++) {
      p[i] = score(rows.fieldIds()[i], scratch);
    }
    return p;
  }

  /** The latent dimension. */
  public int k() {
    return k;
  }

  /** Global bias. */
  public float bias() {
    return w0;
  }

  /** Linear weights, one per id (read-only by contract). */
  public float[] linear() {
    return w;
  }

  /** Latent vectors, row-major {@code [featureCount][k]} (read-only by contract). */
  public float[] factors() {
    return v;
  }

  @Override
  public String name() {
    return "FM";
  }

  private FactorizationMachine copy() {
    FactorizationMachine c = new FactorizationMachine(featureCount, k);
    c.w0 = w0;
    System.arraycopy(w, 0, c.w, 0, w.length);
    System.arraycopy(v, 0, c.v, 0, v.length);
    return c;
  }

  static double logLoss(float[] p, boolean[] y) {
    double s = 0;
    for (int i = 0; i < p.length; i++) {
      double q = Math.min(1 - 1e-7, Math.max(1e-7, p[i]));
      s -= y[i] ? Math.log(q) : Math.log(1 - q);
    }
    return s / Math.max(1, p.length);
  }

  static void shuffle(int[] a, SplittableRandom rnd) {
    for (int i = a.length - 1; i > 0; i--) {
      int j = rnd.nextInt(i + 1);
      int t = a[i];
      a[i] = a[j];
      a[j] = t;
    }
  }

  static double gaussian(SplittableRandom rnd) {
    double u = Math.max(1e-12, rnd.nextDouble());
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rnd.nextDouble());
  }
}
