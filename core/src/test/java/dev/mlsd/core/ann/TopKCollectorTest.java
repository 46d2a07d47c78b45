package dev.mlsd.core.ann;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class TopKCollectorTest {

  @Test
  void keepsTheBestBestFirstAndBreaksTiesById() {
    TopKCollector c = new TopKCollector(3);
    c.collect(5, 0.5f);
    c.collect(2, -1f);
    c.collect(9, 0.9f);
    c.collect(7, 0.5f); // ties with 5: the smaller id wins
    c.collect(1, -3f);
    assertArrayEquals(new int[] {9, 5, 7}, c.ids());
    assertArrayEquals(new float[] {0.9f, 0.5f, 0.5f}, c.scores());
    assertEquals(0.5f, c.minCompetitiveScore());
    assertFalse(c.collect(8, 0.5f)); // 8 loses the tie to 7
    assertTrue(c.collect(3, 0.5f)); // 3 wins it
    assertArrayEquals(new int[] {9, 3, 5}, c.ids());
  }

  @Test
  void negativeScoresAndInfinitiesOrderCorrectly() {
    TopKCollector c = new TopKCollector(4);
    c.collect(0, -0.25f);
    c.collect(1, Float.NEGATIVE_INFINITY);
    c.collect(2, -1e9f);
    c.collect(3, 0f);
    c.collect(4, -0f);
    assertArrayEquals(new int[] {3, 4, 0, 2}, c.ids());
    assertEquals(Float.NEGATIVE_INFINITY, new TopKCollector(2).minCompetitiveScore());
  }

  @Test
  void resetForgetsResults() {
    TopKCollector c = new TopKCollector(2);
    c.collect(1, 1f);
    c.reset();
    assertEquals(0, c.size());
    assertArrayEquals(new int[0], c.ids());
  }

  @Test
  void packingRoundTrips() {
    for (float s : new float[] {0f, -0f, 1.5f, -2.25f, Float.MAX_VALUE, -Float.MAX_VALUE}) {
      for (int id : new int[] {0, 1, 12345, Integer.MAX_VALUE}) {
        long key = NeighborHeap.pack(id, s);
        assertEquals(id, NeighborHeap.unpackId(key));
        assertEquals(s, NeighborHeap.unpackScore(key));
      }
    }
  }

  @Test
  void invalidKIsRefused() {
    assertThrows(IllegalArgumentException.class, () -> new TopKCollector(0));
  }

  @Test
  void drainOrdersLikeAFullSortOnRandomScoresWithTies() {
    java.util.SplittableRandom r = new java.util.SplittableRandom(3);
    for (int k : new int[] {1, 2, 7, 64, 300}) {
      TopKCollector c = new TopKCollector(k);
      int n = 3 * k + 5;
      long[] all = new long[n];
      for (int id = 0; id < n; id++) {
        float score = r.nextInt(k + 3) / 7f - 1f; // many ties
        c.collect(id, score);
        all[id] = NeighborHeap.pack(id, score);
      }
      java.util.Arrays.sort(all);
      int[] ids = new int[k];
      float[] scores = new float[k];
      assertEquals(k, c.drainTo(ids, scores));
      for (int i = 0; i < k; i++) {
        long want = all[n - 1 - i];
        assertEquals(NeighborHeap.unpackId(want), ids[i], "k " + k + " rank " + i);
        assertEquals(NeighborHeap.unpackScore(want), scores[i], "k " + k + " rank " + i);
      }
      // draining copies: the collector still holds the results
      assertEquals(k, c.size());
      assertArrayEquals(ids, c.ids());
    }
  }
}
