/**
 * Calibration: whether predicted probabilities match observed frequencies. {@link
 * dev.mlsd.core.metrics.calibration.PredictedObservedRatio}, {@link
 * dev.mlsd.core.metrics.calibration.ReliabilityDiagram}, {@link
 * dev.mlsd.core.metrics.calibration.ExpectedCalibrationError} and {@link
 * dev.mlsd.core.metrics.calibration.DownsamplingRecalibration}.
 *
 * <p>Book: chapter 8 (ad click prediction: ads are priced on the predicted CTR, so the
 * probabilities themselves must be right, and negative down-sampling must be undone).
 */
package dev.mlsd.core.metrics.calibration;
