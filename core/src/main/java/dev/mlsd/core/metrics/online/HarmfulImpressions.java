package dev.mlsd.core.metrics.online;

import dev.mlsd.core.metrics.Checks;

/**
 * Harmful impressions: the number of times users saw a harmful post,
 *
 * <pre>
 *   harmful impressions = sum over harmful posts of their impressions
 * </pre>
 *
 * A count, lower is better. The book prefers it to {@link Prevalence}: a harmful post seen by a
 * million people is worse than one seen by nobody, and prevalence counts them alike. Book: chapter
 * 5 (harmful content detection, online metrics).
 *
 * <p>Thread safety: stateless.
 */
public final class HarmfulImpressions {
  private HarmfulImpressions() {}

  /**
   * Sums the impressions of the harmful posts that stayed up.
   *
   * @param impressions the impressions of each post, none negative
   * @param harmfulAndShown whether each post was harmful and not prevented, same length
   */
  public static long compute(long[] impressions, boolean[] harmfulAndShown) {
    Checks.sameLength(impressions.length, harmfulAndShown.length, "impressions and flags");
    long total = 0;
    for (int i = 0; i < impressions.length; i++) {
      if (impressions[i] < 0) {
        throw new IllegalArgumentException("impressions[" + i + "] is negative");
      }
      if (harmfulAndShown[i]) {
        total = Math.addExact(total, impressions[i]);
      }
    }
    return total;
  }
}
