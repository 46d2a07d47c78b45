package dev.mlsd.core.metrics.uncertainty;

/**
 * A point estimate with a two-sided confidence interval.
 *
 * @param estimate the metric on the full data (not the mean of the resamples)
 * @param lower the lower bound
 * @param upper the upper bound
 * @param level the confidence level, e.g. 0.95
 */
public record ConfidenceInterval(double estimate, double lower, double upper, double level) {

  /** Validates the bounds and the level. */
  public ConfidenceInterval {
    if (!(level > 0 && level < 1)) {
      throw new IllegalArgumentException("level must be in (0, 1), got " + level);
    }
    if (!(lower <= upper)) {
      throw new IllegalArgumentException("lower " + lower + " is above upper " + upper);
    }
  }

  /** Whether {@code value} lies in [lower, upper]. */
  public boolean contains(double value) {
    return value >= lower && value <= upper;
  }

  /** upper - lower. */
  public double width() {
    return upper - lower;
  }

  @Override
  public String toString() {
    return String.format(
        java.util.Locale.ROOT, "%.4f [%.4f, %.4f] (%.0f%%)", estimate, lower, upper, level * 100);
  }
}
