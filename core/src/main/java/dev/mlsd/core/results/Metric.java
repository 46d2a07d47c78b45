package dev.mlsd.core.results;

/**
 * One metric's value with its interval (a bootstrap percentile interval or a seed spread, as the
 * module says); {@code lo} and {@code hi} are both NaN when there is none. In {@code results.json}:
 * {@code {"value": 0.79, "lo": 0.78, "hi": 0.80}}, NaN written as {@code null}.
 *
 * @param value the point estimate, finite
 * @param lo lower end of the interval, or NaN
 * @param hi upper end of the interval, or NaN
 */
public record Metric(double value, double lo, double hi) {
  /** Checks that the value is finite and the interval is both-or-neither with lo <= hi. */
  public Metric {
    if (!Double.isFinite(value)) {
      throw new IllegalArgumentException("a metric value must be finite, got " + value);
    }
    if (Double.isNaN(lo) != Double.isNaN(hi)) {
      throw new IllegalArgumentException("an interval needs both ends or neither");
    }
    if (!Double.isNaN(lo) && !(Double.isFinite(lo) && Double.isFinite(hi) && lo <= hi)) {
      throw new IllegalArgumentException("bad interval [" + lo + ", " + hi + "]");
    }
  }

  /** A value without an interval. */
  public static Metric of(double value) {
    return new Metric(value, Double.NaN, Double.NaN);
  }

  /** A value with its interval. */
  public static Metric of(double value, double lo, double hi) {
    return new Metric(value, lo, hi);
  }

  /** Whether this metric has an interval. */
  public boolean hasInterval() {
    return !Double.isNaN(lo);
  }
}
