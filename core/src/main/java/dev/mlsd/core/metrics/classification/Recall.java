package dev.mlsd.core.metrics.classification;

/**
 * Recall = TP / (TP + FN): the share of actual positives that are predicted positive (the true
 * positive rate).
 *
 * <p>Range [0, 1], higher is better. Undefined, and refused with {@link IllegalArgumentException},
 * when there are no actual positives. Book: chapter 5 (and every chapter with a thresholded
 * classifier).
 *
 * <p>Thread safety: stateless.
 */
public final class Recall {
  private Recall() {}

  /** Recall of hard predictions; arrays must have the same length. */
  public static double compute(boolean[] predicted, boolean[] actual) {
    return ConfusionCounts.of(predicted, actual).recall();
  }

  /** Recall of the predictions {@code score >= threshold}. */
  public static double atThreshold(float[] scores, boolean[] labels, double threshold) {
    return ConfusionCounts.atThreshold(scores, labels, threshold).recall();
  }
}
