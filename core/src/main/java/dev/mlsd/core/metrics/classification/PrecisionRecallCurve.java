package dev.mlsd.core.metrics.classification;

/**
 * The precision-recall curve: precision TP / (TP + FP) and recall TP / P at every distinct score
 * threshold (predict positive when {@code score >= threshold}), highest threshold first.
 *
 * <p>Point j uses the j-th distinct score as threshold, so recall is non-decreasing and the last
 * point has recall 1. No point is added at recall 0 (precision is undefined there). Tied scores
 * move together. Book: chapter 5 (PR curve per harm category).
 *
 * <p>The arrays are owned by the record and not copied; record equality is array identity.
 *
 * @param precisions precision at each point
 * @param recalls recall at each point, non-decreasing, ending at 1
 * @param thresholds the threshold of each point, decreasing
 */
public record PrecisionRecallCurve(double[] precisions, double[] recalls, float[] thresholds) {

  /**
   * Computes the PR curve.
   *
   * @param scores the scores, higher = more likely positive, none NaN
   * @param labels the true classes, same length, at least one positive
   */
  public static PrecisionRecallCurve compute(float[] scores, boolean[] labels) {
    ThresholdSweep s = ThresholdSweep.of(scores, labels);
    s.requirePositives("PR curve");
    int m = s.size();
    double[] precision = new double[m];
    double[] recall = new double[m];
    for (int j = 0; j < m; j++) {
      long tp = s.truePositives[j];
      precision[j] = (double) tp / (tp + s.falsePositives[j]);
      recall[j] = (double) tp / s.positives;
    }
    return new PrecisionRecallCurve(precision, recall, s.thresholds);
  }

  /** The number of points. */
  public int size() {
    return thresholds.length;
  }
}
