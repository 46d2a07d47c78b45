package dev.mlsd.core.ann;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class RecallAgainstExactTest {

  @Test
  void countsTheShareOfTheExactTopKFoundByHand() {
    int[][] truth = {{1, 2, 3}, {4, 5, 6}};
    int[][] found = {{3, 9, 1}, {6, 5, 4}};
    // 2 of 3, then 3 of 3: 5 / 6
    assertEquals(5.0 / 6, RecallAgainstExact.recall(truth, found), 1e-12);
    assertEquals(2, RecallAgainstExact.hits(truth[0], found[0], 3));
    assertEquals(1, RecallAgainstExact.hits(truth[0], found[0], 1));
    assertEquals(1.0, RecallAgainstExact.recall(new int[0][], new int[0][]), 0);
    assertThrows(
        IllegalArgumentException.class, () -> RecallAgainstExact.recall(truth, new int[][] {{1}}));
  }

  @Test
  void anExactSearcherHasRecallOneAndAWrongOneLess() {
    ExactIndex index = new ExactIndex(1, Similarity.EUCLIDEAN);
    for (int x = 0; x < 10; x++) {
      index.add(new float[] {x});
    }
    float[][] queries = {{0.1f}, {8.8f}};
    VectorIndex.Searcher exact = index.newSearcher();
    assertEquals(1.0, RecallAgainstExact.recall(exact, exact, queries, 2, null, null), 0);
    // a "searcher" that always answers ids 0 and 1: right for the first query only
    VectorIndex.Searcher fixed =
        (q, params, filter, results) -> {
          results.collect(0, 1f);
          results.collect(1, 0f);
        };
    assertEquals(0.5, RecallAgainstExact.recall(fixed, exact, queries, 2, null, null), 0);
    assertArrayEquals(
        new int[][] {{0, 1}, {9, 8}}, RecallAgainstExact.groundTruth(exact, queries, 2));
  }

  @Test
  void perQueryFiltersApplyToBothSides() {
    ExactIndex index = new ExactIndex(1, Similarity.EUCLIDEAN);
    for (int x = 0; x < 10; x++) {
      index.add(new float[] {x});
    }
    float[][] queries = {{0f}};
    VectorIndex.Searcher fixed =
        (q, params, filter, results) -> {
          results.collect(1, 1f);
          results.collect(2, 0f);
        };
    // with 0 excluded the exact top 2 is {1, 2}: found
    assertEquals(
        1.0,
        RecallAgainstExact.recallWithFilters(
            fixed, index.newSearcher(), queries, 2, null, i -> id -> id != 0),
        0);
  }
}
