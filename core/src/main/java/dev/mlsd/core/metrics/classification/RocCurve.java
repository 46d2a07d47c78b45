package dev.mlsd.core.metrics.classification;

/**
 * The ROC curve: the false positive rate FPR = FP / N and the true positive rate TPR = TP / P at
 * every distinct score threshold (predict positive when {@code score >= threshold}).
 *
 * <p>Point 0 is (0, 0) at threshold {@code +Infinity} (nothing predicted positive); the thresholds
 * then run through the distinct scores, highest first, ending at (1, 1). Tied scores move together,
 * so a tie is one diagonal step. Book: chapter 5 (ROC curve per harm category), chapter 10.
 *
 * <p>The arrays are owned by the record and not copied; record equality is array identity.
 *
 * @param falsePositiveRates FPR at each point, non-decreasing, from 0 to 1
 * @param truePositiveRates TPR at each point, non-decreasing, from 0 to 1
 * @param thresholds the threshold of each point, decreasing, the first {@code +Infinity}
 */
public record RocCurve(
    double[] falsePositiveRates, double[] truePositiveRates, float[] thresholds) {

  /**
   * Computes the ROC curve.
   *
   * @param scores the scores, higher = more likely positive, none NaN
   * @param labels the true classes, same length
   * @throws IllegalArgumentException on mismatched lengths, NaN scores, or labels of one class
   */
  public static RocCurve compute(float[] scores, boolean[] labels) {
    ThresholdSweep s = ThresholdSweep.of(scores, labels);
    s.requirePositives("ROC curve");
    s.requireNegatives("ROC curve");
    int m = s.size() + 1;
    double[] fpr = new double[m];
    double[] tpr = new double[m];
    float[] thresholds = new float[m];
    thresholds[0] = Float.POSITIVE_INFINITY;
    for (int j = 0; j < s.size(); j++) {
      fpr[j + 1] = (double) s.falsePositives[j] / s.negatives;
      tpr[j + 1] = (double) s.truePositives[j] / s.positives;
      thresholds[j + 1] = s.thresholds[j];
    }
    return new RocCurve(fpr, tpr, thresholds);
  }

  /** The number of points. */
  public int size() {
    return thresholds.length;
  }

  /** The area under this curve by the trapezoidal rule; equals {@link RocAuc#compute}. */
  public double area() {
    double area = 0;
    for (int j = 1; j < thresholds.length; j++) {
      area +=
          (falsePositiveRates[j] - falsePositiveRates[j - 1])
              * (truePositiveRates[j] + truePositiveRates[j - 1])
              / 2;
    }
    return area;
  }
}
