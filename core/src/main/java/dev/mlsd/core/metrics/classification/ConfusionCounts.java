package dev.mlsd.core.metrics.classification;

import dev.mlsd.core.metrics.Checks;

/**
 * The four cells of a binary confusion matrix.
 *
 * <p>Book: chapter 5 (precision and recall of the harmful-content classifier), and every chapter
 * that reports a thresholded classifier.
 *
 * @param truePositives predicted positive, actually positive
 * @param falsePositives predicted positive, actually negative
 * @param trueNegatives predicted negative, actually negative
 * @param falseNegatives predicted negative, actually positive
 */
public record ConfusionCounts(
    long truePositives, long falsePositives, long trueNegatives, long falseNegatives) {

  /** Validates that no count is negative. */
  public ConfusionCounts {
    if (truePositives < 0 || falsePositives < 0 || trueNegatives < 0 || falseNegatives < 0) {
      throw new IllegalArgumentException("confusion counts must not be negative");
    }
  }

  /**
   * Counts hard predictions against labels.
   *
   * @param predicted the predicted classes, {@code true} = positive
   * @param actual the true classes, same length
   */
  public static ConfusionCounts of(boolean[] predicted, boolean[] actual) {
    Checks.sameLength(predicted.length, actual.length, "predicted and actual");
    long tp = 0;
    long fp = 0;
    long tn = 0;
    long fn = 0;
    for (int i = 0; i < predicted.length; i++) {
      if (predicted[i]) {
        if (actual[i]) {
          tp++;
        } else {
          fp++;
        }
      } else if (actual[i]) {
        fn++;
      } else {
        tn++;
      }
    }
    return new ConfusionCounts(tp, fp, tn, fn);
  }

  /**
   * Counts the predictions {@code score >= threshold} against labels.
   *
   * @param scores the scores, none NaN
   * @param labels the true classes, same length
   * @param threshold a row is predicted positive when its score is at least this
   */
  public static ConfusionCounts atThreshold(float[] scores, boolean[] labels, double threshold) {
    Checks.sameLength(scores.length, labels.length, "scores and labels");
    Checks.noNaN(scores, "scores");
    if (Double.isNaN(threshold)) {
      throw new IllegalArgumentException("threshold is NaN");
    }
    boolean[] predicted = new boolean[scores.length];
    for (int i = 0; i < scores.length; i++) {
      predicted[i] = scores[i] >= threshold;
    }
    return of(predicted, labels);
  }

  /** The number of actual positives, TP + FN. */
  public long positives() {
    return truePositives + falseNegatives;
  }

  /** The number of actual negatives, FP + TN. */
  public long negatives() {
    return falsePositives + trueNegatives;
  }

  /**
   * Precision = TP / (TP + FP); 0 when nothing is predicted positive (the convention of
   * scikit-learn's {@code zero_division=0}).
   */
  public double precision() {
    long predictedPositive = truePositives + falsePositives;
    return predictedPositive == 0 ? 0.0 : (double) truePositives / predictedPositive;
  }

  /**
   * Recall = TP / (TP + FN).
   *
   * @throws IllegalArgumentException if there are no actual positives (recall is undefined)
   */
  public double recall() {
    long p = positives();
    if (p == 0) {
      throw new IllegalArgumentException("recall is undefined: no actual positives");
    }
    return (double) truePositives / p;
  }

  /**
   * F1 = 2 P R / (P + R) = 2 TP / (2 TP + FP + FN); 0 when TP = 0.
   *
   * @throws IllegalArgumentException if there are no actual positives
   */
  public double f1() {
    if (positives() == 0) {
      throw new IllegalArgumentException("F1 is undefined: no actual positives");
    }
    long denominator = 2 * truePositives + falsePositives + falseNegatives;
    return (double) (2 * truePositives) / denominator;
  }

  /** False positive rate = FP / (FP + TN); throws if there are no actual negatives. */
  public double falsePositiveRate() {
    long n = negatives();
    if (n == 0) {
      throw new IllegalArgumentException("false positive rate is undefined: no actual negatives");
    }
    return (double) falsePositives / n;
  }
}
