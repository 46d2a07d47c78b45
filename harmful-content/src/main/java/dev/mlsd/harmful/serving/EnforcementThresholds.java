package dev.mlsd.harmful.serving;

import java.util.Arrays;

/**
 * The enforcement policy's score thresholds, per harm category ({@link
 * dev.mlsd.harmful.data.HarmTask} order): a post whose probability for some category reaches that
 * category's {@code high} threshold is removed; otherwise one that reaches a {@code low} threshold
 * is demoted and queued for human review; otherwise it is allowed. Chosen on the validation PR
 * curve for a target precision ({@code evaluation.PrecisionTargets}); {@code +Infinity} means the
 * action never fires for that category.
 *
 * @param low the review threshold of each category
 * @param high the removal threshold of each category, each at least its low one
 */
public record EnforcementThresholds(float[] low, float[] high) {
  /** Copies and checks the arrays. */
  public EnforcementThresholds {
    low = low.clone();
    high = high.clone();
    if (low.length != high.length || low.length == 0) {
      throw new IllegalArgumentException("need one low and one high threshold per category");
    }
    for (int t = 0; t < low.length; t++) {
      if (Float.isNaN(low[t]) || Float.isNaN(high[t])) {
        throw new IllegalArgumentException("thresholds must not be NaN");
      }
      if (low[t] > high[t]) {
        // a looser precision target can give a higher threshold on a bumpy curve: review nothing
        low[t] = high[t];
      }
    }
  }

  /** The low threshold of category {@code t}. */
  public float low(int t) {
    return low[t];
  }

  /** The high threshold of category {@code t}. */
  public float high(int t) {
    return high[t];
  }

  /** The number of categories. */
  public int categories() {
    return low.length;
  }

  @Override
  public String toString() {
    return "low " + Arrays.toString(low) + ", high " + Arrays.toString(high);
  }
}
