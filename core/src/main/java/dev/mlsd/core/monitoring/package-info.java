/**
 * Monitoring of a served model: latency histograms on HdrHistogram ({@link
 * dev.mlsd.core.monitoring.LatencyRecorder}), drift between the training and serving distributions
 * of each feature and of the predictions (population stability index and KL divergence),
 * calibration drift, and the request, error and fallback counters and model version exposed on
 * {@code /metrics}.
 *
 * <p>Book: chapter 1, "Monitoring" (operation-related and ML-specific metrics, data distribution
 * shift).
 */
package dev.mlsd.core.monitoring;
