package dev.mlsd.core.metrics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import org.junit.jupiter.api.Test;

class ScoreOrderTest {
  @Test
  void descendingBreaksTiesByIndex() {
    float[] s = {0.5f, 2f, -1f, 0.5f, Float.POSITIVE_INFINITY, -0f, 0f};
    assertArrayEquals(new int[] {4, 1, 0, 3, 5, 6, 2}, ScoreOrder.descending(s));
  }

  @Test
  void ascendingBreaksTiesByIndex() {
    float[] s = {0.5f, 2f, -1f, 0.5f, Float.NEGATIVE_INFINITY, 0f, -0f};
    assertArrayEquals(new int[] {4, 2, 5, 6, 0, 3, 1}, ScoreOrder.ascending(s));
  }
}
