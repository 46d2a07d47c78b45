package dev.mlsd.harmful.evaluation;

/**
 * The enforcement policy's targets, per harm category: the precision the validation PR curve must
 * reach for a post to be removed outright (high) or demoted and sent to human review (low). A
 * removal is a visible mistake when wrong (the author appeals), so its target is strict; a demotion
 * costs only reach until a reviewer decides, so it can be looser.
 *
 * <p>The demo's targets: hate, remove at precision 0.80 and review at 0.30 (hate is rare and hard
 * to tell from offensive language: at 0.30 about one review in three is hate); offensive language,
 * remove at 0.97 and review at 0.85 (it is 77% of this data, so precision is easy and the bar is
 * set high).
 *
 * @param hateHigh precision target to remove for hate
 * @param hateLow precision target to demote and review for hate
 * @param offensiveHigh precision target to remove for offensive language
 * @param offensiveLow precision target to demote and review for offensive language
 */
public record PrecisionTargets(
    double hateHigh, double hateLow, double offensiveHigh, double offensiveLow) {

  /** The demo's targets. */
  public static final PrecisionTargets DEFAULT = new PrecisionTargets(0.80, 0.30, 0.97, 0.85);

  /** Checks that each low target is below its high one. */
  public PrecisionTargets {
    if (!(0 < hateLow && hateLow < hateHigh && hateHigh <= 1)
        || !(0 < offensiveLow && offensiveLow < offensiveHigh && offensiveHigh <= 1)) {
      throw new IllegalArgumentException("need 0 < low < high <= 1 for each category");
    }
  }

  /** The high target of task {@code t}. */
  public double high(int t) {
    return t == 0 ? hateHigh : offensiveHigh;
  }

  /** The low target of task {@code t}. */
  public double low(int t) {
    return t == 0 ? hateLow : offensiveLow;
  }
}
