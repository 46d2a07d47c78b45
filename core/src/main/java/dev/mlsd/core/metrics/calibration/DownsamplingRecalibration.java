package dev.mlsd.core.metrics.calibration;

/**
 * Undoes negative down-sampling. A model trained after keeping only a fraction w of the negatives
 * sees the odds of a click inflated by 1/w, so its prediction p is re-calibrated to
 *
 * <pre>
 *   q = p / (p + (1 - p) / w)
 * </pre>
 *
 * where w in (0, 1] is the negative down-sampling rate (the share of negatives kept). w = 1 leaves
 * p unchanged; q is at most p and increases with p, so rankings are unchanged: only calibration,
 * log loss and NCE move. Evaluate log loss on re-calibrated predictions over data with the true
 * class ratio.
 *
 * <p>Book: chapter 8 (imbalance: down-sample negatives, then re-calibrate). Reference: He et al.,
 * "Practical Lessons from Predicting Clicks on Ads at Facebook", ADKDD 2014, section 6.
 *
 * <p>Thread safety: stateless; {@link #recalibrateInPlace} writes only the array it is given.
 */
public final class DownsamplingRecalibration {
  private DownsamplingRecalibration() {}

  /**
   * Re-calibrates one prediction.
   *
   * @param p the prediction of the model trained on down-sampled data, in [0, 1]
   * @param w the negative down-sampling rate, in (0, 1]
   */
  public static double recalibrate(double p, double w) {
    checkRate(w);
    if (!(p >= 0 && p <= 1)) {
      throw new IllegalArgumentException("p = " + p + " is not in [0, 1]");
    }
    return q(p, w);
  }

  /**
   * Re-calibrates every prediction, overwriting the array.
   *
   * @param probabilities the predictions, each in [0, 1]; replaced by q
   * @param w the negative down-sampling rate, in (0, 1]
   */
  public static void recalibrateInPlace(float[] probabilities, double w) {
    checkRate(w);
    dev.mlsd.core.metrics.Checks.probabilities(probabilities, "probabilities");
    for (int i = 0; i < probabilities.length; i++) {
      probabilities[i] = (float) q(probabilities[i], w);
    }
  }

  /**
   * Re-calibrates every prediction into a new array.
   *
   * @param probabilities the predictions, each in [0, 1]; not modified
   * @param w the negative down-sampling rate, in (0, 1]
   */
  public static float[] recalibrate(float[] probabilities, double w) {
    float[] q = probabilities.clone();
    recalibrateInPlace(q, w);
    return q;
  }

  private static double q(double p, double w) {
    // p = 0 gives 0 / (0 + 1/w) = 0; the denominator is never 0 because w > 0.
    return p / (p + (1 - p) / w);
  }

  private static void checkRate(double w) {
    if (!(w > 0 && w <= 1)) {
      throw new IllegalArgumentException(
          "the negative down-sampling rate w must be in (0, 1], got " + w);
    }
  }
}
