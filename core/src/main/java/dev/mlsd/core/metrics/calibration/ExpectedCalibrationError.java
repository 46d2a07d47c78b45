package dev.mlsd.core.metrics.calibration;

/**
 * Expected calibration error: the bin-weighted mean gap between predicted probability and observed
 * frequency,
 *
 * <pre>
 *   ECE = sum_b (n_b / n) * | mean(p in b) - mean(y in b) |
 * </pre>
 *
 * over the bins of a {@link ReliabilityDiagram} (empty bins contribute nothing). Range [0, 1],
 * lower is better, 0 is perfectly calibrated at that binning. The figure depends on the binning:
 * report the bin count and kind with it. Equal-mass bins suit skewed predictions (CTRs).
 *
 * <p>Book: chapter 8 (calibration of the click model). Reference: Naeini, Cooper and Hauskrecht,
 * "Obtaining Well Calibrated Probabilities Using Bayesian Binning", AAAI 2015; Guo et al., "On
 * Calibration of Modern Neural Networks", ICML 2017.
 *
 * <p>Thread safety: stateless.
 */
public final class ExpectedCalibrationError {
  private ExpectedCalibrationError() {}

  /**
   * ECE over equal-width bins on [0, 1].
   *
   * @param probabilities predicted P(positive) per row, each in [0, 1]
   * @param labels the true classes, same length, not empty
   * @param bins the number of bins, at least 1 (10 or 15 are usual)
   */
  public static double equalWidth(float[] probabilities, boolean[] labels, int bins) {
    return ReliabilityDiagram.equalWidth(probabilities, labels, bins).expectedCalibrationError();
  }

  /**
   * ECE over bins holding (almost) the same number of rows.
   *
   * @param probabilities predicted P(positive) per row, each in [0, 1]
   * @param labels the true classes, same length
   * @param bins the number of bins, from 1 to the number of rows
   */
  public static double equalMass(float[] probabilities, boolean[] labels, int bins) {
    return ReliabilityDiagram.equalMass(probabilities, labels, bins).expectedCalibrationError();
  }
}
