package dev.mlsd.core.serving;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class CandidatesTest {

  private static int[] idsInOrder(Candidates c) {
    int[] out = new int[c.size()];
    for (int p = 0; p < c.size(); p++) {
      out[p] = c.id(p);
    }
    return out;
  }

  @Test
  void duplicatesAreDroppedFirstAddWins() {
    Candidates c = new Candidates(10, 0);
    c.beginSource(0);
    assertTrue(c.add(5, 0.5f));
    assertTrue(c.add(7, 0.7f));
    c.beginSource(1);
    assertFalse(c.add(5, 0.9f));
    assertTrue(c.add(9, 0.1f));
    assertArrayEquals(new int[] {5, 7, 9}, idsInOrder(c));
    assertEquals(0, c.source(0));
    assertEquals(0.5f, c.retrievalScore(0));
    assertEquals(1, c.source(2));
  }

  @Test
  void fullListCountsOverflowButNotDuplicates() {
    Candidates c = new Candidates(2, 0);
    c.add(1, 0);
    c.add(2, 0);
    assertFalse(c.add(1, 0));
    assertFalse(c.add(3, 0));
    assertFalse(c.add(4, 0));
    assertEquals(2, c.size());
    assertEquals(2, c.overflow());
  }

  @Test
  void resetForgetsIdsOfThePreviousRequest() {
    Candidates c = new Candidates(4, 0);
    c.add(1, 0);
    c.add(2, 0);
    c.reset();
    assertEquals(0, c.size());
    assertTrue(c.add(1, 0));
    assertEquals(1, c.size());
  }

  @Test
  void sortIsDescendingByScoreTiesByIdNanLast() {
    Candidates c = new Candidates(8, 0);
    int[] ids = {40, 10, 30, 20, 50, 60};
    float[] scores = {0.5f, 0.9f, 0.5f, 0.5f, Float.NaN, -1f};
    for (int id : ids) {
      c.add(id, 0);
    }
    for (int p = 0; p < ids.length; p++) {
      c.setScore(p, scores[p]);
    }
    c.sortByScore();
    assertArrayEquals(new int[] {10, 20, 30, 40, 60, 50}, idsInOrder(c));
    assertEquals(0.9f, c.score(0));
    // rows did not move: id 10 was added second
    assertEquals(1, c.row(0));
  }

  @Test
  void negativeAndPositiveZeroAndNegativeScoresSortNumerically() {
    Candidates c = new Candidates(8, 0);
    float[] scores = {-3f, 2f, -0.5f, 0f, 10f};
    for (int i = 0; i < scores.length; i++) {
      c.add(i, 0);
      c.setScore(i, scores[i]);
    }
    c.sortByScore();
    assertArrayEquals(new int[] {4, 1, 3, 2, 0}, idsInOrder(c));
  }

  @Test
  void removeMoveSwapTruncate() {
    Candidates c = new Candidates(8, 0);
    for (int id = 1; id <= 5; id++) {
      c.add(id, 0);
    }
    c.remove(1); // 1 3 4 5
    c.moveTo(3, 0); // 5 1 3 4
    c.swap(1, 2); // 5 3 1 4
    assertArrayEquals(new int[] {5, 3, 1, 4}, idsInOrder(c));
    c.truncate(2);
    assertArrayEquals(new int[] {5, 3}, idsInOrder(c));
    assertThrows(IndexOutOfBoundsException.class, () -> c.id(2));
    assertThrows(IllegalArgumentException.class, () -> c.truncate(-1));
  }

  @Test
  void filterCompactionKeepsOrderAndSources() {
    Candidates c = new Candidates(8, 0);
    for (int id = 1; id <= 5; id++) {
      c.beginSource(id % 2);
      c.add(id, id * 0.1f);
    }
    c.compact(new boolean[] {true, false, true, false, true});
    assertArrayEquals(new int[] {1, 3, 5}, idsInOrder(c));
    assertEquals(1, c.source(1));
    assertEquals(0.5f, c.retrievalScore(2), 1e-6f);
  }

  @Test
  void badSizesAreRefused() {
    assertThrows(IllegalArgumentException.class, () -> new Candidates(0, 4));
    assertThrows(IllegalArgumentException.class, () -> new Candidates(4, -1));
  }
}
