package dev.mlsd.core.metrics.lists;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class ListMetricsTest {
  // Items 0 and 1 share a genre (similarity 1), item 2 differs from both (similarity 0).
  private static final int[] GENRE = {0, 0, 1};
  private static final ItemSimilarity SAME_GENRE = (a, b) -> GENRE[a] == GENRE[b] ? 1.0 : 0.0;

  @Test
  void diversityByHand() {
    // Pairs (0,1) 0, (0,2) 1, (1,2) 1: mean dissimilarity 2/3.
    assertEquals(2.0 / 3, IntraListDiversity.compute(new int[] {0, 1, 2}, SAME_GENRE), 1e-12);
    assertEquals(0.0, IntraListDiversity.compute(new int[] {0, 1}, SAME_GENRE));
    assertEquals(1.0, IntraListDiversity.compute(new int[] {0, 2}, SAME_GENRE));
    assertEquals(
        (2.0 / 3 + 0.0) / 2,
        IntraListDiversity.mean(new int[][] {{0, 1, 2}, {1, 0}}, SAME_GENRE),
        1e-12);
  }

  @Test
  void cosineDiversityByHand() {
    float[][] e = {{1, 0}, {0, 1}, {1, 1}};
    // 1 - cos: (0,1) 1, (0,2) 1 - 1/sqrt2, (1,2) 1 - 1/sqrt2.
    double expected = (1 + 2 * (1 - 1 / Math.sqrt(2))) / 3;
    assertEquals(expected, IntraListDiversity.cosine(new int[] {0, 1, 2}, e), 1e-7);
    assertThrows(
        IllegalArgumentException.class, () -> IntraListDiversity.cosine(new int[] {0, 3}, e));
    assertThrows(
        IllegalArgumentException.class,
        () -> IntraListDiversity.cosine(new int[] {0, 1}, new float[][] {{1, 0}, {0, 0}}));
  }

  @Test
  void coverageByHand() {
    int[][] lists = {{0, 1, 2}, {1, 2, 3}, {2, 0, 9}};
    assertEquals(0.5, CatalogCoverage.compute(lists, 10), 1e-12);
    // Top 1 of each list: {0, 1, 2}.
    assertEquals(0.3, CatalogCoverage.compute(lists, 1, 10), 1e-12);
    assertEquals(0.0, CatalogCoverage.compute(new int[0][], 10));
  }

  @Test
  void refusesBadInput() {
    assertThrows(
        IllegalArgumentException.class,
        () -> IntraListDiversity.compute(new int[] {0}, SAME_GENRE));
    assertThrows(
        IllegalArgumentException.class,
        () -> IntraListDiversity.compute(new int[] {0, 1}, (a, b) -> Double.NaN));
    assertThrows(
        IllegalArgumentException.class, () -> CatalogCoverage.compute(new int[][] {{10}}, 10));
    assertThrows(IllegalArgumentException.class, () -> CatalogCoverage.compute(new int[][] {}, 0));
    assertThrows(
        IllegalArgumentException.class, () -> CatalogCoverage.compute(new int[][] {{1}}, 0, 10));
  }
}
