package dev.mlsd.core.metrics.classification;

/**
 * PR-AUC as average precision, the step-wise area under the precision-recall curve:
 *
 * <pre>
 *   AP = sum_j (R_j - R_{j-1}) * P_j      over the distinct thresholds, R_0 = 0
 * </pre>
 *
 * the mean of the precision at the rank of each positive, with tied scores taken together. No
 * interpolation: this is scikit-learn's {@code average_precision_score}, not the trapezoidal area
 * (which is optimistic). Range (0, 1], higher is better; a random ranking scores about the positive
 * rate. Undefined, and refused with {@link IllegalArgumentException}, without a positive label.
 *
 * <p>Book: chapter 5 (PR-AUC per harm category). Ranking AP over a list of items is {@link
 * dev.mlsd.core.metrics.ranking.AveragePrecisionAtK}; detection AP is {@link
 * dev.mlsd.core.metrics.detection.DetectionAveragePrecision}.
 *
 * <p>Thread safety: stateless.
 */
public final class PrAuc {
  private PrAuc() {}

  /**
   * Computes average precision.
   *
   * @param scores the scores, higher = more likely positive, none NaN
   * @param labels the true classes, same length, at least one positive
   */
  public static double compute(float[] scores, boolean[] labels) {
    ThresholdSweep s = ThresholdSweep.of(scores, labels);
    s.requirePositives("PR-AUC");
    double ap = 0;
    long prevTp = 0;
    for (int j = 0; j < s.size(); j++) {
      long tp = s.truePositives[j];
      if (tp != prevTp) {
        double precision = (double) tp / (tp + s.falsePositives[j]);
        ap += (double) (tp - prevTp) / s.positives * precision;
        prevTp = tp;
      }
    }
    return ap;
  }
}
