package dev.mlsd.harmful.model;

import dev.mlsd.harmful.features.EncodedPosts;
import java.util.Arrays;
import smile.classification.Maxent;

/**
 * The baseline: logistic regression over the hashed word and character n-grams (binary presence, a
 * repeated id counted again), one independent model per task, trained by Smile's {@link Maxent}
 * (L-BFGS with an L2 penalty). No shared layers, no dense signals: what a team would ship first.
 *
 * <p>Thread safety: immutable after training.
 *
 * <p>Book: chapter 5, "Model development" (the single-task alternative the multi-task model is
 * compared with).
 */
public final class HashedLogisticRegression implements HarmClassifier {
  private final double[][] weights; // [task][buckets + 1], the last is the intercept

  private HashedLogisticRegression(double[][] weights) {
    this.weights = weights;
  }

  /**
   * Trains one model per task, every example weighing 1.
   *
   * @param train the featurised training posts
   * @param labels {@code [task][post]}
   * @param lambda the L2 penalty (Smile's default is 0.1)
   */
  public static HashedLogisticRegression train(
      EncodedPosts train, boolean[][] labels, double lambda) {
    int[] ones = new int[labels.length];
    Arrays.fill(ones, 1);
    return train(train, labels, lambda, ones);
  }

  /**
   * Trains one model per task, a positive example of task {@code t} weighing {@code
   * positiveWeight[t]}: it is given {@code positiveWeight[t]} times. Smile's objective is the sum
   * of the examples' log-losses plus the L2 penalty, so repeating an example is weighting it.
   *
   * @param train the featurised training posts
   * @param labels {@code [task][post]}
   * @param lambda the L2 penalty (Smile's default is 0.1)
   * @param positiveWeight per task, 1 or more
   */
  public static HashedLogisticRegression train(
      EncodedPosts train, boolean[][] labels, double lambda, int[] positiveWeight) {
    double[][] w = new double[labels.length][];
    for (int t = 0; t < labels.length; t++) {
      if (positiveWeight[t] < 1) {
        throw new IllegalArgumentException("positive weight must be >= 1: " + positiveWeight[t]);
      }
      int n = 0;
      for (int i = 0; i < train.size(); i++) {
        n += labels[t][i] ? positiveWeight[t] : 1;
      }
      int[][] x = new int[n][];
      int[] y = new int[n];
      int k = 0;
      for (int i = 0; i < train.size(); i++) {
        int copies = labels[t][i] ? positiveWeight[t] : 1;
        int[] ids = train.idsOf(i);
        for (int c = 0; c < copies; c++, k++) {
          x[k] = ids;
          y[k] = labels[t][i] ? 1 : 0;
        }
      }
      Maxent.Binomial m =
          Maxent.binomial(train.buckets(), x, y, new Maxent.Options(lambda, 1e-5, 500));
      w[t] = m.coefficients().clone();
    }
    return new HashedLogisticRegression(w);
  }

  @Override
  public String name() {
    return "hashed n-grams + LR";
  }

  @Override
  public float[][] predict(EncodedPosts posts) {
    float[][] p = new float[weights.length][posts.size()];
    for (int t = 0; t < weights.length; t++) {
      double[] w = weights[t];
      double bias = w[w.length - 1];
      for (int i = 0; i < posts.size(); i++) {
        double z = bias;
        for (int k = posts.offsets()[i]; k < posts.offsets()[i + 1]; k++) {
          z += w[posts.ids()[k]];
        }
        p[t][i] = (float) (1 / (1 + Math.exp(-z)));
      }
    }
    return p;
  }
}
