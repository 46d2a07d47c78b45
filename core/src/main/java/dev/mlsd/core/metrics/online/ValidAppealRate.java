package dev.mlsd.core.metrics.online;

/**
 * Valid appeals: the share of the system's removals that were reversed on appeal,
 *
 * <pre>
 *   valid appeals = number of reversed appeals / number of harmful posts detected by the system
 * </pre>
 *
 * Range [0, 1], lower is better: a reversed appeal is a false positive the author had to fight.
 * Book: chapter 5 (harmful content detection, online metrics).
 *
 * <p>Thread safety: stateless.
 */
public final class ValidAppealRate {
  private ValidAppealRate() {}

  /**
   * Computes the valid-appeal rate.
   *
   * @param reversedAppeals appeals that reversed a removal
   * @param detectedBySystem posts the system removed or demoted as harmful, at least 1
   */
  public static double compute(long reversedAppeals, long detectedBySystem) {
    return Ratio.of(reversedAppeals, detectedBySystem, "reversed appeals", "detected posts");
  }
}
