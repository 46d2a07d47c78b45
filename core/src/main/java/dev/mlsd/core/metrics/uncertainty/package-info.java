/**
 * Uncertainty of a metric: {@link dev.mlsd.core.metrics.uncertainty.Bootstrap} resamples rows or
 * queries with a fixed seed and returns a {@link
 * dev.mlsd.core.metrics.uncertainty.ConfidenceInterval}; the paired methods say whether model A
 * beats model B on the same data.
 */
package dev.mlsd.core.metrics.uncertainty;
