package dev.mlsd.core.metrics.classification;

import dev.mlsd.core.metrics.Checks;

/**
 * Normalized cross-entropy (NCE, Facebook's "normalized entropy"): the model's log loss divided by
 * the log loss of always predicting the background positive rate r:
 *
 * <pre>
 *   NCE = LogLoss(p, y) / H(r),   H(r) = -[r ln r + (1 - r) ln(1 - r)]
 * </pre>
 *
 * By default r is the positive rate of the evaluated labels; {@link #compute(float[], boolean[],
 * double)} takes r from elsewhere (for example the training set's CTR). Range [0, infinity), lower
 * is better: below 1 the model beats the prior, 1 means no better than predicting the background
 * CTR. Dividing by H(r) makes the figure comparable across data sets with different CTRs.
 *
 * <p>Book: chapter 8 (ad click prediction's main offline metric). Reference: He et al., "Practical
 * Lessons from Predicting Clicks on Ads at Facebook", ADKDD 2014.
 *
 * <p>Thread safety: stateless.
 */
public final class NormalizedCrossEntropy {
  private NormalizedCrossEntropy() {}

  /**
   * NCE against the positive rate of {@code labels}.
   *
   * @param probabilities predicted P(positive) per row, each in [0, 1]
   * @param labels the true classes, same length, both classes present
   * @throws IllegalArgumentException if the labels are all of one class (H(r) = 0), or on the input
   *     errors of {@link LogLoss#compute}
   */
  public static double compute(float[] probabilities, boolean[] labels) {
    Checks.nonEmpty(labels.length, "labels");
    double rate = (double) Checks.countPositives(labels) / labels.length;
    return compute(probabilities, labels, rate);
  }

  /**
   * NCE against a given background rate.
   *
   * @param probabilities predicted P(positive) per row, each in [0, 1]
   * @param labels the true classes, same length
   * @param backgroundRate the background positive rate r, strictly between 0 and 1
   */
  public static double compute(float[] probabilities, boolean[] labels, double backgroundRate) {
    double denominator = LogLoss.bernoulliEntropy(backgroundRate);
    return LogLoss.compute(probabilities, labels) / denominator;
  }
}
