package dev.mlsd.core.metrics.classification;

import dev.mlsd.core.metrics.Checks;

/**
 * Log loss (binary cross-entropy), the mean negative log-likelihood of the labels:
 *
 * <pre>
 *   LogLoss = -(1/n) * sum_i [ y_i * ln(p_i) + (1 - y_i) * ln(1 - p_i) ]
 * </pre>
 *
 * with each likelihood (p_i for a positive, 1 - p_i for a negative) clipped below at {@value
 * #EPSILON}, so that a confident mistake costs -ln(1e-15) = 34.54 nats instead of infinity. Natural
 * logarithm. Range [0, infinity), lower is better; always predicting the positive rate r scores the
 * entropy H(r) (see {@link NormalizedCrossEntropy}).
 *
 * <p>Book: chapter 8 (the offline metric of ad click prediction), chapter 5 and chapter 10 (the
 * per-task loss).
 *
 * <p>Thread safety: stateless.
 */
public final class LogLoss {
  /** The smallest likelihood a row is charged for. */
  public static final double EPSILON = 1e-15;

  private LogLoss() {}

  /**
   * Computes the mean log loss.
   *
   * @param probabilities predicted P(positive) per row, each in [0, 1]
   * @param labels the true classes, same length, not empty
   * @throws IllegalArgumentException on mismatched lengths, empty input, or a probability outside
   *     [0, 1] or NaN
   */
  public static double compute(float[] probabilities, boolean[] labels) {
    Checks.sameLength(probabilities.length, labels.length, "probabilities and labels");
    Checks.nonEmpty(labels.length, "labels");
    Checks.probabilities(probabilities, "probabilities");
    double sum = 0;
    for (int i = 0; i < labels.length; i++) {
      // 1 - p is exact in double for a float p, so both classes clip at the same distance.
      double p = probabilities[i];
      double likelihood = labels[i] ? p : 1 - p;
      sum -= Math.log(Math.max(likelihood, EPSILON));
    }
    return sum / labels.length;
  }

  /**
   * The entropy of a Bernoulli(rate) variable, H(r) = -[r ln r + (1 - r) ln(1 - r)]: the log loss
   * of always predicting r on data whose positive rate is r.
   *
   * @param rate the positive rate, strictly between 0 and 1
   */
  public static double bernoulliEntropy(double rate) {
    if (!(rate > 0 && rate < 1)) {
      throw new IllegalArgumentException(
          "the background rate must be strictly between 0 and 1, got " + rate);
    }
    return -(rate * Math.log(rate) + (1 - rate) * Math.log1p(-rate));
  }
}
