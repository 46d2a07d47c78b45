package dev.mlsd.harmful.serving;

import dev.mlsd.harmful.data.HarmTask;

/**
 * Routes a scored post: {@link Action#REMOVE} when some category's probability reaches its high
 * threshold, else {@link Action#DEMOTE} when some category's reaches its low threshold, else {@link
 * Action#ALLOW}. The boundaries are inclusive: a probability equal to a threshold triggers it. The
 * reason of a removal or demotion is the first category in severity order ({@link HarmTask} order:
 * hate before offensive language) that triggered it.
 *
 * <p>Thread safety: immutable; allocation-free.
 *
 * <p>Book: chapter 5, "Serving" (violation enforcement for high confidence, demotion and human
 * review for low confidence).
 */
public final class EnforcementPolicy {
  private final EnforcementThresholds thresholds;

  /** A policy with the given thresholds. */
  public EnforcementPolicy(EnforcementThresholds thresholds) {
    this.thresholds = thresholds;
  }

  /** The action for per-category probabilities {@code p} ({@link HarmTask} order). */
  public Action route(float[] p) {
    if (reason(p, true) >= 0) {
      return Action.REMOVE;
    }
    return reason(p, false) >= 0 ? Action.DEMOTE : Action.ALLOW;
  }

  /**
   * The category that triggered {@code action}, or -1 for {@link Action#ALLOW}.
   *
   * @param p the probabilities the action was routed on
   */
  public int reason(float[] p, Action action) {
    return action == Action.ALLOW ? -1 : reason(p, action == Action.REMOVE);
  }

  private int reason(float[] p, boolean high) {
    for (int t = 0; t < thresholds.categories(); t++) {
      if (p[t] >= (high ? thresholds.high(t) : thresholds.low(t))) {
        return t;
      }
    }
    return -1;
  }

  /** The thresholds. */
  public EnforcementThresholds thresholds() {
    return thresholds;
  }
}
