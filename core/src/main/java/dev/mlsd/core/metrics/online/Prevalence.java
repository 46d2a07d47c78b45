package dev.mlsd.core.metrics.online;

/**
 * Prevalence of harmful content:
 *
 * <pre>
 *   prevalence = number of harmful posts we did not prevent / total number of posts on the platform
 * </pre>
 *
 * Range [0, 1], lower is better. It treats every post alike, however many people saw it; {@link
 * HarmfulImpressions} weighs posts by views. Book: chapter 5 (harmful content detection, online
 * metrics).
 *
 * <p>Thread safety: stateless.
 */
public final class Prevalence {
  private Prevalence() {}

  /**
   * Computes prevalence.
   *
   * @param harmfulNotPrevented harmful posts that were not removed or demoted in time
   * @param totalPosts all posts on the platform in the same period, at least 1
   */
  public static double compute(long harmfulNotPrevented, long totalPosts) {
    return Ratio.of(harmfulNotPrevented, totalPosts, "harmful posts not prevented", "posts");
  }
}
