package dev.mlsd.core.ann;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class HnswIndexTest {
  private static final HnswBuildParams BUILD = new HnswBuildParams(16, 100, 42L);
  private static final SearchParams EF_64 = new SearchParams(64);
  // 32-d Gaussian clusters are locally as hard as random data: they need a wider beam
  private static final SearchParams EF_128 = new SearchParams(128);

  private static HnswIndex build(float[][] data, Similarity s, HnswBuildParams p) {
    return AnnTestData.addAll(new HnswIndex(data[0].length, s, p), data);
  }

  private static double recall(HnswIndex index, float[][] queries, SearchParams p) {
    return AnnTestData.recall(index.newSearcher(), index.newExactSearcher(), queries, 10, p, null);
  }

  @ParameterizedTest
  @EnumSource(
      value = Similarity.class,
      names = {"COSINE", "EUCLIDEAN"})
  void recallOnClusteredDataIsAtLeast095(Similarity s) {
    float[][] data = AnnTestData.clustered(6000, 32, 40, 0.15, 1L);
    float[][] queries = AnnTestData.clustered(200, 32, 40, 0.15, 2L);
    HnswIndex index = build(data, s, BUILD);
    double r = recall(index, queries, EF_128);
    assertTrue(r >= 0.95, s + " recall@10 " + r);
  }

  @Test
  void dotProductRecallOnEmbeddingsOfSimilarNormIsAtLeast095() {
    // inner-product search over vectors of widely varying norms is a harder problem (MIPS) on which
    // any HNSW loses recall; embeddings trained with a dot product have norms within a narrow band
    float[][] data =
        AnnTestData.withNormsIn(AnnTestData.clustered(6000, 32, 40, 0.15, 1L), 0.9, 1.1);
    float[][] queries = AnnTestData.clustered(200, 32, 40, 0.15, 2L);
    HnswIndex index = build(data, Similarity.DOT_PRODUCT, BUILD);
    double r = recall(index, queries, EF_128);
    assertTrue(r >= 0.95, "recall@10 " + r);
  }

  @Test
  void recallOnSmallRandomSetsIsAtLeast095() {
    for (int d : new int[] {8, 24, 61}) {
      float[][] data = AnnTestData.uniform(2000, d, d);
      float[][] queries = AnnTestData.uniform(100, d, 1000 + d);
      HnswIndex index = build(data, Similarity.EUCLIDEAN, BUILD);
      double r = recall(index, queries, new SearchParams(100));
      assertTrue(r >= 0.95, "d=" + d + " recall@10 " + r);
    }
  }

  @Test
  void tinyIndexesAnswerExactly() {
    HnswIndex index = new HnswIndex(2, Similarity.EUCLIDEAN, BUILD);
    assertArrayEquals(new int[0], index.search(new float[] {0, 0}, 3, EF_64));
    index.add(new float[] {3, 0});
    index.add(new float[] {1, 0});
    index.add(new float[] {2, 0});
    assertArrayEquals(new int[] {1, 2, 0}, index.search(new float[] {0, 0}, 5, EF_64));
  }

  @Test
  void incrementalAddFindsNewVectorsAndKeepsRecall() {
    float[][] data = AnnTestData.clustered(6000, 24, 30, 0.15, 3L);
    float[][] queries = AnnTestData.clustered(150, 24, 30, 0.15, 4L);
    HnswIndex index = build(Arrays.copyOf(data, 3000), Similarity.EUCLIDEAN, BUILD);
    HnswSearcher searcher = index.newSearcher(); // created before the adds: must grow its scratch
    for (int i = 3000; i < data.length; i++) {
      assertEquals(i, index.add(data[i]));
    }
    assertEquals(6000, index.size());
    // every added vector is its own nearest neighbour
    TopKCollector c = new TopKCollector(1);
    for (int i = 3000; i < data.length; i += 97) {
      c.reset();
      searcher.search(data[i], EF_64, null, c);
      assertEquals(i, c.ids()[0]);
    }
    double r = AnnTestData.recall(searcher, index.newExactSearcher(), queries, 10, EF_128, null);
    assertTrue(r >= 0.95, "recall@10 after incremental adds " + r);
  }

  @Test
  void deletedIdsAreNeverReturnedAndRecallHolds() {
    float[][] data = AnnTestData.clustered(5000, 24, 30, 0.15, 5L);
    float[][] queries = AnnTestData.clustered(150, 24, 30, 0.15, 6L);
    HnswIndex index = build(data, Similarity.EUCLIDEAN, BUILD);
    for (int id = 0; id < data.length; id += 5) {
      assertTrue(index.delete(id));
    }
    assertFalse(index.delete(0));
    assertEquals(4000, index.liveCount());
    TopKCollector c = new TopKCollector(10);
    HnswSearcher s = index.newSearcher();
    for (float[] q : queries) {
      c.reset();
      s.search(q, EF_64, null, c);
      assertEquals(10, c.size());
      for (int id : c.ids()) {
        assertTrue(id % 5 != 0, "deleted id " + id + " returned");
      }
    }
    // a deleted vector's own query no longer finds it
    c.reset();
    s.search(data[10], EF_64, null, c);
    assertTrue(c.ids()[0] != 10);
    double r = AnnTestData.recall(s, index.newExactSearcher(), queries, 10, EF_64, null);
    assertTrue(r >= 0.95, "recall@10 with 20% deleted " + r);
  }

  @Test
  void filteredRecallHoldsAtEverySelectivity() {
    float[][] data = AnnTestData.clustered(8000, 24, 30, 0.15, 7L);
    float[][] queries = AnnTestData.clustered(150, 24, 30, 0.15, 8L);
    HnswIndex index = build(data, Similarity.EUCLIDEAN, BUILD);
    // "category" = id mod 100; keep 50%, 20%, 3% (exact fallback) and 0.1% of the items
    for (int keep : new int[] {50, 20, 3}) {
      double r =
          AnnTestData.recall(
              index.newSearcher(),
              index.newExactSearcher(),
              queries,
              10,
              EF_64,
              id -> id % 100 < keep);
      assertTrue(r >= 0.95, "filtered recall@10 keeping " + keep + "%: " + r);
    }
    TopKCollector c = new TopKCollector(10);
    index.newSearcher().search(queries[0], EF_64, id -> id % 1000 == 7, c);
    int[] ids = c.ids();
    assertEquals(8, ids.length); // 7, 1007, ..., 7007: all of them, fewer than k
    for (int id : ids) {
      assertEquals(7, id % 1000);
    }
  }

  @Test
  void sameDataAndSeedGiveTheSameGraph() {
    float[][] data = AnnTestData.clustered(2000, 16, 10, 0.2, 9L);
    HnswIndex a = build(data, Similarity.COSINE, BUILD);
    HnswIndex b = build(data, Similarity.COSINE, BUILD);
    HnswIndex other = build(data, Similarity.COSINE, new HnswBuildParams(16, 100, 43L));
    assertEquals(a.maxLevel(), b.maxLevel());
    boolean differs = false;
    for (int id = 0; id < data.length; id++) {
      for (int l = 0; l <= a.maxLevel(); l++) {
        assertArrayEquals(a.neighbours(id, l), b.neighbours(id, l), "node " + id + " layer " + l);
        differs |= !Arrays.equals(a.neighbours(id, l), other.neighbours(id, l));
      }
    }
    assertTrue(differs, "another seed should give another graph");
  }

  @Test
  void searchesDuringAddsSeeAConsistentPrefix() throws Exception {
    float[][] data = AnnTestData.clustered(4000, 16, 20, 0.2, 10L);
    HnswIndex index = build(Arrays.copyOf(data, 500), Similarity.EUCLIDEAN, BUILD);
    AtomicReference<Throwable> failure = new AtomicReference<>();
    Thread reader =
        new Thread(
            () -> {
              try {
                HnswSearcher s = index.newSearcher();
                TopKCollector c = new TopKCollector(10);
                for (int i = 0; i < 3000; i++) {
                  c.reset();
                  int before = index.size();
                  s.search(data[i % data.length], EF_64, null, c);
                  int after = index.size();
                  if (c.size() != 10) {
                    throw new AssertionError("got " + c.size() + " results");
                  }
                  for (int id : c.ids()) {
                    if (id >= after) {
                      throw new AssertionError("id " + id + " beyond size " + after);
                    }
                  }
                  if (before > after) {
                    throw new AssertionError("size went back");
                  }
                }
              } catch (Throwable t) {
                failure.set(t);
              }
            });
    reader.start();
    for (int i = 500; i < data.length; i++) {
      index.add(data[i]);
    }
    reader.join();
    if (failure.get() != null) {
      throw new AssertionError(failure.get());
    }
    assertTrue(recall(index, Arrays.copyOf(data, 100), EF_64) >= 0.95);
  }

  @Test
  void invalidParametersAreRefused() {
    assertThrows(IllegalArgumentException.class, () -> new HnswBuildParams(1, 100, 1));
    assertThrows(IllegalArgumentException.class, () -> new HnswBuildParams(16, 0, 1));
    assertThrows(IllegalArgumentException.class, () -> new SearchParams(0));
    assertThrows(IllegalArgumentException.class, () -> new SearchParams(10, 1.5));
    HnswIndex index = new HnswIndex(4, Similarity.DOT_PRODUCT, BUILD);
    assertThrows(IllegalArgumentException.class, () -> index.add(new float[5]));
    assertThrows(IllegalArgumentException.class, () -> index.isDeleted(0));
  }
}
