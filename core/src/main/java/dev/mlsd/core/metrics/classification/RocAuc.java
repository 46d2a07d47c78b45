package dev.mlsd.core.metrics.classification;

/**
 * ROC-AUC, the area under the ROC curve, computed exactly as the normalised Mann-Whitney U
 * statistic:
 *
 * <pre>
 *   AUC = ( #{(i, j) : y_i = 1, y_j = 0, s_i > s_j} + 0.5 * #{(i, j) : y_i = 1, y_j = 0, s_i = s_j} ) / (P * N)
 * </pre>
 *
 * the probability that a random positive scores above a random negative, a tie counting one half.
 * It equals the trapezoidal area of {@link RocCurve}. The counts are kept in {@code long} (doubled,
 * so the half-pairs stay integers) and divided once at the end: the result is exact up to that one
 * division. O(n log n).
 *
 * <p>Range [0, 1], higher is better; 0.5 is a random ranking. Undefined, and refused with {@link
 * IllegalArgumentException}, without both classes. Book: chapter 5 (ROC-AUC per harm category),
 * chapter 10 (ROC-AUC per reaction head).
 *
 * <p>Thread safety: stateless.
 */
public final class RocAuc {
  private RocAuc() {}

  /**
   * Computes ROC-AUC.
   *
   * @param scores the scores, higher = more likely positive, none NaN
   * @param labels the true classes, same length, both classes present
   */
  public static double compute(float[] scores, boolean[] labels) {
    ThresholdSweep s = ThresholdSweep.of(scores, labels);
    s.requirePositives("ROC-AUC");
    s.requireNegatives("ROC-AUC");
    // For each group of tied scores (highest first): its positives beat every negative of the
    // groups below and tie with its own negatives. twiceU = 2 * U keeps the half-pairs integral.
    long twiceU = 0;
    long prevTp = 0;
    long prevFp = 0;
    for (int j = 0; j < s.size(); j++) {
      long groupPos = s.truePositives[j] - prevTp;
      long groupNeg = s.falsePositives[j] - prevFp;
      long negativesBelow = s.negatives - s.falsePositives[j];
      twiceU += 2 * groupPos * negativesBelow + groupPos * groupNeg;
      prevTp = s.truePositives[j];
      prevFp = s.falsePositives[j];
    }
    return twiceU / (2.0 * s.positives * s.negatives);
  }
}
