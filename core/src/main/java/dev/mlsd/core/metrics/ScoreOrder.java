package dev.mlsd.core.metrics;

import java.util.Arrays;

/**
 * Sorts row indices by score without boxing: each (score, index) pair is packed into one {@code
 * long} (an order-preserving int image of the float in the high half, the index in the low half)
 * and the {@code long[]} is sorted. Ties break by index, ascending, so every order is
 * deterministic. {@code -0.0f} and {@code 0.0f} count as the same score.
 *
 * <p>Thread safety: stateless.
 */
public final class ScoreOrder {
  private ScoreOrder() {}

  /**
   * Row indices ordered by score, highest first; equal scores in index order.
   *
   * @param scores the scores, none NaN (checked by the caller)
   */
  public static int[] descending(float[] scores) {
    long[] keys = new long[scores.length];
    for (int i = 0; i < scores.length; i++) {
      // ~sortable reverses the order, so an ascending sort yields the highest score first.
      keys[i] = ((long) ~sortable(scores[i]) << 32) | i;
    }
    return unpack(keys);
  }

  /**
   * Row indices ordered by score, lowest first; equal scores in index order.
   *
   * @param scores the scores, none NaN (checked by the caller)
   */
  public static int[] ascending(float[] scores) {
    long[] keys = new long[scores.length];
    for (int i = 0; i < scores.length; i++) {
      keys[i] = ((long) sortable(scores[i]) << 32) | i;
    }
    return unpack(keys);
  }

  private static int[] unpack(long[] keys) {
    Arrays.sort(keys);
    int[] order = new int[keys.length];
    for (int i = 0; i < keys.length; i++) {
      order[i] = (int) keys[i];
    }
    return order;
  }

  /** An int whose signed order is the float's numeric order ({@code + 0f} folds -0 into 0). */
  private static int sortable(float v) {
    int bits = Float.floatToIntBits(v + 0f);
    return bits ^ ((bits >> 31) & 0x7fffffff);
  }
}
