package dev.mlsd.core.metrics.online;

/**
 * Conversion rate, as chapter 8 defines it, per impression:
 *
 * <pre>
 *   conversion rate = number of conversions / number of impressions
 * </pre>
 *
 * Range [0, 1], higher is better. Ad platforms also quote the post-click rate, conversions / clicks
 * ({@link #perClick}); say which one a table shows. Book: chapter 8 (ad click prediction, online
 * metrics).
 *
 * <p>Thread safety: stateless.
 */
public final class ConversionRate {
  private ConversionRate() {}

  /**
   * Conversions per impression, the book's definition.
   *
   * @param conversions the number of conversions, at most {@code impressions}
   * @param impressions the number of impressions, at least 1
   */
  public static double compute(long conversions, long impressions) {
    return Ratio.of(conversions, impressions, "conversions", "impressions");
  }

  /**
   * Conversions per click (post-click conversion rate, CVR).
   *
   * @param conversions the number of conversions that followed a click, at most {@code clicks}
   * @param clicks the number of clicks, at least 1
   */
  public static double perClick(long conversions, long clicks) {
    return Ratio.of(conversions, clicks, "conversions", "clicks");
  }
}
