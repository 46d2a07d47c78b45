package dev.mlsd.core.metrics.online;

/**
 * Hide rate:
 *
 * <pre>
 *   hide rate = number of ads hidden by users / number of impressions
 * </pre>
 *
 * Range [0, 1], lower is better: it counts ads users found irrelevant. Book: chapter 8 (ad click
 * prediction, online metrics).
 *
 * <p>Thread safety: stateless.
 */
public final class HideRate {
  private HideRate() {}

  /**
   * Computes the hide rate.
   *
   * @param hidden the number of hidden impressions, at most {@code impressions}
   * @param impressions the number of impressions, at least 1
   */
  public static double compute(long hidden, long impressions) {
    return Ratio.of(hidden, impressions, "hidden", "impressions");
  }
}
