package dev.mlsd.core.ann;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ExactIndexTest {
  // four points in the plane, worked by hand against the query (1, 0)
  private static final float[][] POINTS = {{2, 0}, {0, 1}, {-1, 0}, {1, 1}};
  private static final float[] QUERY = {1, 0};

  private static int[] top(Similarity s, int k) {
    return AnnTestData.addAll(new ExactIndex(2, s), POINTS).search(QUERY, k, new SearchParams(10));
  }

  @Test
  void euclideanRanksByDistance() {
    // squared distances: 1, 2, 4, 1 -> ids 0 and 3 tie at 1, then 1, then 2
    assertArrayEquals(new int[] {0, 3, 1, 2}, top(Similarity.EUCLIDEAN, 4));
  }

  @Test
  void dotProductRanksByInnerProduct() {
    // dot products: 2, 0, -1, 1
    assertArrayEquals(new int[] {0, 3, 1, 2}, top(Similarity.DOT_PRODUCT, 4));
  }

  @Test
  void cosineIgnoresLength() {
    // cosines: 1, 0, -1, 0.7071
    ExactIndex index = AnnTestData.addAll(new ExactIndex(2, Similarity.COSINE), POINTS);
    TopKCollector c = new TopKCollector(2);
    index.newSearcher().search(new float[] {5, 0}, new SearchParams(1), null, c);
    assertArrayEquals(new int[] {0, 3}, c.ids());
    assertEquals(1f, c.scores()[0], 1e-6);
    assertEquals((float) Math.sqrt(0.5), c.scores()[1], 1e-6);
  }

  @Test
  void deletedAndFilteredIdsAreNotReturned() {
    ExactIndex index = AnnTestData.addAll(new ExactIndex(2, Similarity.EUCLIDEAN), POINTS);
    assertTrue(index.delete(0));
    assertFalse(index.delete(0));
    assertTrue(index.isDeleted(0));
    assertEquals(3, index.liveCount());
    TopKCollector c = new TopKCollector(4);
    index.newSearcher().search(QUERY, new SearchParams(1), id -> id != 3, c);
    assertArrayEquals(new int[] {1, 2}, c.ids());
  }

  @Test
  void invalidInputIsRefused() {
    ExactIndex index = new ExactIndex(2, Similarity.COSINE);
    assertThrows(IllegalArgumentException.class, () -> index.add(new float[3]));
    assertThrows(IllegalArgumentException.class, () -> index.add(new float[2])); // zero, cosine
    assertThrows(IllegalArgumentException.class, () -> index.add(new float[] {1, Float.NaN}));
    assertThrows(IllegalArgumentException.class, () -> index.delete(0));
    assertThrows(IllegalArgumentException.class, () -> new ExactIndex(0, Similarity.EUCLIDEAN));
    index.add(new float[] {1, 0});
    assertThrows(
        IllegalArgumentException.class,
        () ->
            index
                .newSearcher()
                .search(new float[1], new SearchParams(1), null, new TopKCollector(1)));
  }
}
