package dev.mlsd.harmful.model;

import dev.mlsd.harmful.features.EncodedPosts;
import smile.math.BFGS;
import smile.util.function.DifferentiableMultivariateFunction;

/**
 * Logistic regression over every family the network reads: the hashed n-grams as binary presence (a
 * repeated id counted again, as in the baseline) and the dense families, each dense column
 * standardised with the training posts' mean and standard deviation (kept with the model). One
 * model per task. The objective is the baseline's ({@link HashedLogisticRegression}, Smile's {@code
 * Maxent}): the sum of the examples' log-losses plus {@code lambda / 2} times the squared weights,
 * the intercept unpenalised, minimised from zero by Smile's L-BFGS with 5 corrections. With no
 * dense family it is the baseline's model (tested to agree with it).
 *
 * <p>It exists so that a new dense family can be judged on the linear model too, not only on the
 * network; the demo's baseline stays {@link HashedLogisticRegression}.
 *
 * <p>Thread safety: immutable after training.
 *
 * <p>Book: chapter 5, "Model development" (the single-task alternative).
 */
public final class FusedLogisticRegression implements HarmClassifier {
  private final int buckets;
  private final int denseWidth;
  private final float[] mean;
  private final float[] inverseStd;
  private final double[][] weights; // [task][buckets + denseWidth + 1], the intercept last

  private FusedLogisticRegression(
      int buckets, int denseWidth, float[] mean, float[] inverseStd, double[][] weights) {
    this.buckets = buckets;
    this.denseWidth = denseWidth;
    this.mean = mean;
    this.inverseStd = inverseStd;
    this.weights = weights;
  }

  /**
   * Trains one model per task.
   *
   * @param train the featurised training posts
   * @param labels {@code [task][post]}
   * @param lambda the L2 penalty
   * @param tolerance L-BFGS's gradient tolerance (the baseline's is 1e-5)
   * @param maxIterations L-BFGS's iteration cap (the baseline's is 500)
   */
  public static FusedLogisticRegression train(
      EncodedPosts train, boolean[][] labels, double lambda, double tolerance, int maxIterations) {
    int width = train.denseWidth();
    float[] mean = new float[width];
    float[] inverseStd = new float[width];
    float[] x = standardised(train, mean, inverseStd);
    double[][] w = new double[labels.length][];
    for (int t = 0; t < labels.length; t++) {
      w[t] = new double[train.buckets() + width + 1];
      BFGS.minimize(new Objective(train, x, labels[t], lambda), 5, w[t], tolerance, maxIterations);
    }
    return new FusedLogisticRegression(train.buckets(), width, mean, inverseStd, w);
  }

  /** The training posts' dense rows, standardised; fills the column means and 1 / std (1 if 0). */
  private static float[] standardised(EncodedPosts train, float[] mean, float[] inverseStd) {
    int n = train.size();
    int width = train.denseWidth();
    float[] x = train.dense().clone();
    double[] sum = new double[width];
    double[] sq = new double[width];
    for (int i = 0; i < n; i++) {
      for (int d = 0; d < width; d++) {
        double v = x[i * width + d];
        sum[d] += v;
        sq[d] += v * v;
      }
    }
    for (int d = 0; d < width; d++) {
      double m = sum[d] / Math.max(1, n);
      double var = Math.max(0, sq[d] / Math.max(1, n) - m * m);
      mean[d] = (float) m;
      inverseStd[d] = var > 1e-12 ? (float) (1 / Math.sqrt(var)) : 1f;
    }
    for (int i = 0; i < n; i++) {
      for (int d = 0; d < width; d++) {
        x[i * width + d] = (x[i * width + d] - mean[d]) * inverseStd[d];
      }
    }
    return x;
  }

  @Override
  public String name() {
    return denseWidth == 0 ? "hashed n-grams + LR" : "all families + LR";
  }

  @Override
  public float[][] predict(EncodedPosts posts) {
    if (posts.buckets() != buckets || posts.denseWidth() != denseWidth) {
      throw new IllegalArgumentException("posts featurised with another featuriser");
    }
    float[][] p = new float[weights.length][posts.size()];
    float[] row = new float[denseWidth];
    for (int i = 0; i < posts.size(); i++) {
      posts.writeDense(i, row, 0);
      for (int d = 0; d < denseWidth; d++) {
        row[d] = (row[d] - mean[d]) * inverseStd[d];
      }
      for (int t = 0; t < weights.length; t++) {
        p[t][i] = (float) sigmoid(score(weights[t], posts, i, row, 0));
      }
    }
    return p;
  }

  /** The linear score of post {@code i} with its standardised dense row at {@code row[from..]}. */
  private static double score(double[] w, EncodedPosts posts, int i, float[] row, int from) {
    int buckets = posts.buckets();
    int width = posts.denseWidth();
    double z = w[w.length - 1];
    for (int k = posts.offsets()[i]; k < posts.offsets()[i + 1]; k++) {
      z += w[posts.ids()[k]];
    }
    for (int d = 0; d < width; d++) {
      z += w[buckets + d] * row[from + d];
    }
    return z;
  }

  private static double sigmoid(double z) {
    return 1 / (1 + Math.exp(-z));
  }

  /** {@code log(1 + e^z)} without overflow. */
  static double log1pExp(double z) {
    return z > 0 ? z + Math.log1p(Math.exp(-z)) : Math.log1p(Math.exp(z));
  }

  /** One task's penalised log-loss and its gradient. */
  private static final class Objective implements DifferentiableMultivariateFunction {
    private final EncodedPosts posts;
    private final float[] x;
    private final boolean[] y;
    private final double lambda;

    Objective(EncodedPosts posts, float[] x, boolean[] y, double lambda) {
      this.posts = posts;
      this.x = x;
      this.y = y;
      this.lambda = lambda;
    }

    @Override
    public double f(double[] w) {
      double loss = 0;
      for (int i = 0; i < posts.size(); i++) {
        double z = score(w, posts, i, x, i * posts.denseWidth());
        loss += log1pExp(z) - (y[i] ? z : 0);
      }
      return loss + penalty(w);
    }

    @Override
    public double g(double[] w, double[] gradient) {
      java.util.Arrays.fill(gradient, 0);
      int buckets = posts.buckets();
      int width = posts.denseWidth();
      double loss = 0;
      for (int i = 0; i < posts.size(); i++) {
        double z = score(w, posts, i, x, i * width);
        loss += log1pExp(z) - (y[i] ? z : 0);
        double err = sigmoid(z) - (y[i] ? 1 : 0);
        for (int k = posts.offsets()[i]; k < posts.offsets()[i + 1]; k++) {
          gradient[posts.ids()[k]] += err;
        }
        for (int d = 0; d < width; d++) {
          gradient[buckets + d] += err * x[i * width + d];
        }
        gradient[w.length - 1] += err;
      }
      for (int j = 0; j < w.length - 1; j++) {
        gradient[j] += lambda * w[j];
      }
      return loss + penalty(w);
    }

    private double penalty(double[] w) {
      double s = 0;
      for (int j = 0; j < w.length - 1; j++) {
        s += w[j] * w[j];
      }
      return 0.5 * lambda * s;
    }
  }
}
