package dev.mlsd.core.ann;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ConcurrentBuildTest {
  private static final HnswBuildParams BUILD = new HnswBuildParams(16, 100, 42L);
  private static final SearchParams EF_64 = new SearchParams(64);
  private static final SearchParams EF_128 = new SearchParams(128);

  private static double recall(HnswIndex index, float[][] queries) {
    return AnnTestData.recall(
        index.newSearcher(), index.newExactSearcher(), queries, 10, EF_128, null);
  }

  @Test
  void oneThreadGivesTheSameGraphAsAddingOneByOne() {
    float[][] data = AnnTestData.clustered(3000, 16, 20, 0.2, 11L);
    HnswIndex byAdd = AnnTestData.addAll(new HnswIndex(16, Similarity.EUCLIDEAN, BUILD), data);
    HnswIndex byAddAll = new HnswIndex(16, Similarity.EUCLIDEAN, BUILD);
    assertEquals(0, byAddAll.addAll(data, 1));
    assertEquals(byAdd.maxLevel(), byAddAll.maxLevel());
    for (int id = 0; id < data.length; id++) {
      for (int l = 0; l <= byAdd.maxLevel(); l++) {
        assertArrayEquals(byAdd.neighbours(id, l), byAddAll.neighbours(id, l), "node " + id);
      }
    }
  }

  @Test
  void twoThreadsKeepTheRecallOfOne() {
    float[][] data = AnnTestData.clustered(8000, 24, 40, 0.2, 12L);
    float[][] queries = AnnTestData.clustered(300, 24, 40, 0.2, 13L);
    HnswIndex one = new HnswIndex(24, Similarity.EUCLIDEAN, BUILD);
    one.addAll(data, 1);
    HnswIndex two = new HnswIndex(24, Similarity.EUCLIDEAN, BUILD);
    two.addAll(data, 2);
    double r1 = recall(one, queries);
    double r2 = recall(two, queries);
    assertTrue(r2 >= r1 - 0.01, "two threads " + r2 + ", one " + r1);
    assertTrue(r2 >= 0.95, "two threads recall@10 " + r2);
  }

  @Test
  void aConcurrentGraphIsWellFormed() {
    float[][] data = AnnTestData.clustered(5000, 8, 10, 0.3, 14L);
    HnswIndex index = new HnswIndex(8, Similarity.COSINE, new HnswBuildParams(6, 40, 1L));
    index.addAll(Arrays.copyOf(data, 100), 1); // a graph to extend
    index.addAll(Arrays.copyOfRange(data, 100, data.length), 2);
    assertEquals(5000, index.size());
    for (int id = 0; id < data.length; id++) {
      for (int l = 0; l <= index.maxLevel(); l++) {
        int[] links = index.neighbours(id, l);
        assertTrue(links.length <= (l == 0 ? 12 : 6), "node " + id + " layer " + l);
        Set<Integer> seen = new HashSet<>();
        for (int nb : links) {
          assertTrue(nb != id && nb >= 0 && nb < data.length, "node " + id + " links " + nb);
          assertTrue(seen.add(nb), "node " + id + " links " + nb + " twice");
        }
      }
      if (id > 0) {
        assertTrue(index.neighbours(id, 0).length > 0, "node " + id + " has no layer-0 link");
      }
    }
    // every vector finds itself
    HnswSearcher s = index.newSearcher();
    int self = 0;
    for (int id = 0; id < data.length; id += 50) {
      TopKCollector c = new TopKCollector(1);
      s.search(data[id], EF_64, null, c);
      self += c.ids()[0] == id ? 1 : 0;
    }
    assertTrue(self >= 98, "found itself " + self + " of 100");
  }

  @Test
  void aBadVectorAddsNothingAndThreadsMustBePositive() {
    HnswIndex index = new HnswIndex(3, Similarity.EUCLIDEAN, BUILD);
    float[][] bad = {{1, 2, 3}, {4, Float.NaN, 6}};
    assertThrows(IllegalArgumentException.class, () -> index.addAll(bad, 2));
    assertEquals(0, index.size());
    assertThrows(IllegalArgumentException.class, () -> index.addAll(new float[][] {{1, 2}}, 2));
    assertThrows(IllegalArgumentException.class, () -> index.addAll(new float[0][], 0));
    assertEquals(0, index.size());
  }
}
