package dev.mlsd.core.metrics.online;

/**
 * Proactive rate: the share of harmful posts the system found before users reported them,
 *
 * <pre>
 *   proactive rate = harmful posts detected by the system
 *                    / (harmful posts detected by the system + harmful posts reported by users)
 * </pre>
 *
 * Range [0, 1], higher is better. Book: chapter 5 (harmful content detection, online metrics).
 *
 * <p>Thread safety: stateless.
 */
public final class ProactiveRate {
  private ProactiveRate() {}

  /**
   * Computes the proactive rate.
   *
   * @param detectedBySystem harmful posts the system found first
   * @param reportedByUsers harmful posts users reported first; the sum must be at least 1
   */
  public static double compute(long detectedBySystem, long reportedByUsers) {
    if (detectedBySystem < 0 || reportedByUsers < 0) {
      throw new IllegalArgumentException("post counts must not be negative");
    }
    return Ratio.of(
        detectedBySystem,
        Math.addExact(detectedBySystem, reportedByUsers),
        "detected by the system",
        "harmful posts");
  }
}
