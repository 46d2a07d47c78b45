package dev.mlsd.core.results;

/**
 * Serving latency of the served model, measured end to end on requests (in process or over HTTP, as
 * the module says). In {@code results.json}: {@code {"p50_ms":..., "p99_ms":..., "p999_ms":...,
 * "requests":...}}.
 *
 * @param p50Ms median, milliseconds
 * @param p99Ms 99th percentile, milliseconds
 * @param p999Ms 99.9th percentile, milliseconds
 * @param requests how many requests the percentiles are over, at least 1
 */
public record Latency(double p50Ms, double p99Ms, double p999Ms, long requests) {
  /** Checks finite, non-negative, ordered percentiles and a positive count. */
  public Latency {
    if (!(Double.isFinite(p50Ms) && Double.isFinite(p99Ms) && Double.isFinite(p999Ms))) {
      throw new IllegalArgumentException("latency percentiles must be finite");
    }
    if (!(0 <= p50Ms && p50Ms <= p99Ms && p99Ms <= p999Ms)) {
      throw new IllegalArgumentException(
          "need 0 <= p50 <= p99 <= p999, got " + p50Ms + ", " + p99Ms + ", " + p999Ms);
    }
    if (requests < 1) {
      throw new IllegalArgumentException("requests must be >= 1, got " + requests);
    }
  }

  /** From percentiles in microseconds. */
  public static Latency ofMicros(double p50Us, double p99Us, double p999Us, long requests) {
    return new Latency(p50Us / 1e3, p99Us / 1e3, p999Us / 1e3, requests);
  }
}
