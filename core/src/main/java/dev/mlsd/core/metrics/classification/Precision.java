package dev.mlsd.core.metrics.classification;

/**
 * Precision = TP / (TP + FP): the share of predicted positives that are positive.
 *
 * <p>Range [0, 1], higher is better. Returns 0 when nothing is predicted positive. Book: chapter 5
 * (and every chapter with a thresholded classifier).
 *
 * <p>Thread safety: stateless.
 */
public final class Precision {
  private Precision() {}

  /** Precision of hard predictions; arrays must have the same length. */
  public static double compute(boolean[] predicted, boolean[] actual) {
    return ConfusionCounts.of(predicted, actual).precision();
  }

  /** Precision of the predictions {@code score >= threshold}. */
  public static double atThreshold(float[] scores, boolean[] labels, double threshold) {
    return ConfusionCounts.atThreshold(scores, labels, threshold).precision();
  }
}
