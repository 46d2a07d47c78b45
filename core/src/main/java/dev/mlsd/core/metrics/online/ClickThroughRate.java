package dev.mlsd.core.metrics.online;

/**
 * Click-through rate:
 *
 * <pre>
 *   CTR = number of clicked impressions / number of impressions
 * </pre>
 *
 * Range [0, 1], higher is better. Book: chapter 8 (ad click prediction, the main online metric),
 * chapter 2 (CTR on suggested images), chapter 6, chapter 10.
 *
 * <p>Thread safety: stateless.
 */
public final class ClickThroughRate {
  private ClickThroughRate() {}

  /**
   * Computes CTR from counts.
   *
   * @param clicks the number of clicked impressions, at most {@code impressions}
   * @param impressions the number of impressions, at least 1
   */
  public static double compute(long clicks, long impressions) {
    return Ratio.of(clicks, impressions, "clicks", "impressions");
  }

  /**
   * Computes CTR from one flag per impression.
   *
   * @param clicked whether each impression was clicked, not empty
   */
  public static double compute(boolean[] clicked) {
    long clicks = 0;
    for (boolean c : clicked) {
      if (c) {
        clicks++;
      }
    }
    return compute(clicks, clicked.length);
  }
}
