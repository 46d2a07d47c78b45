package dev.mlsd.harmful.evaluation;

import dev.mlsd.core.metrics.classification.PrecisionRecallCurve;
import dev.mlsd.harmful.serving.EnforcementThresholds;

/**
 * Picks a score threshold from a validation PR curve: the lowest threshold (the most recall) whose
 * precision reaches the target. If no point reaches it, the threshold is {@code +Infinity}: that
 * action never fires.
 *
 * <p>Book: chapter 5, "Serving" (thresholds for the violation enforcement and demoting services).
 */
public final class ThresholdSelection {
  private ThresholdSelection() {}

  /**
   * @param curve the validation PR curve, highest threshold first
   * @param targetPrecision the precision to reach, in (0, 1]
   */
  public static float forPrecision(PrecisionRecallCurve curve, double targetPrecision) {
    float threshold = Float.POSITIVE_INFINITY;
    for (int j = 0; j < curve.size(); j++) {
      if (curve.precisions()[j] >= targetPrecision) {
        threshold = curve.thresholds()[j];
      }
    }
    return threshold;
  }

  /**
   * The enforcement thresholds of every category from validation scores.
   *
   * @param p validation scores {@code [task][post]}
   * @param y validation labels {@code [task][post]}
   * @param targets the precision targets
   */
  public static EnforcementThresholds enforcement(
      float[][] p, boolean[][] y, PrecisionTargets targets) {
    float[] low = new float[p.length];
    float[] high = new float[p.length];
    for (int t = 0; t < p.length; t++) {
      PrecisionRecallCurve curve = PrecisionRecallCurve.compute(p[t], y[t]);
      high[t] = forPrecision(curve, targets.high(t));
      low[t] = forPrecision(curve, targets.low(t));
    }
    return new EnforcementThresholds(low, high);
  }
}
