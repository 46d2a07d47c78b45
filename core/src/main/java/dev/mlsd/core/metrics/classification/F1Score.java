package dev.mlsd.core.metrics.classification;

/**
 * F1 = 2 * precision * recall / (precision + recall) = 2 TP / (2 TP + FP + FN), the harmonic mean
 * of precision and recall.
 *
 * <p>Range [0, 1], higher is better; 0 when there is no true positive. Undefined, and refused with
 * {@link IllegalArgumentException}, when there are no actual positives. For several classes see
 * {@link MulticlassF1}. Book: chapter 5.
 *
 * <p>Thread safety: stateless.
 */
public final class F1Score {
  private F1Score() {}

  /** F1 of hard predictions; arrays must have the same length. */
  public static double compute(boolean[] predicted, boolean[] actual) {
    return ConfusionCounts.of(predicted, actual).f1();
  }

  /** F1 of the predictions {@code score >= threshold}. */
  public static double atThreshold(float[] scores, boolean[] labels, double threshold) {
    return ConfusionCounts.atThreshold(scores, labels, threshold).f1();
  }
}
