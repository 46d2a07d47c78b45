package dev.mlsd.core.ann;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.function.IntPredicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A selective filter given as an {@link IdBitSet}: the exact fallback walks only the set's ids. It
 * must score every accepted live id and no other: the same answers as the same filter given as a
 * plain predicate (which tests every id), and, asked for more results than pass, exactly the
 * accepted live ids.
 */
class FilteredScanTest {
  private static final int N = 3000;
  private static final SearchParams EF_64 = new SearchParams(64);

  @TempDir Path dir;

  /** About 1% of the ids, seeded, plus the ids at the edges of the set's words and the last id. */
  private static IdBitSet rareIds() {
    IdBitSet set = new IdBitSet(N);
    SplittableRandom r = new SplittableRandom(5);
    for (int id = 0; id < N; id++) {
      if (r.nextDouble() < 0.01) {
        set.add(id);
      }
    }
    for (int id : new int[] {0, 63, 64, 127, 128, 2943, 2944, N - 1}) {
      set.add(id);
    }
    return set;
  }

  private static int[] acceptedLive(IdBitSet set, VectorIndex index) {
    return java.util.stream.IntStream.range(0, index.size())
        .filter(id -> set.test(id) && !index.isDeleted(id))
        .toArray();
  }

  private static int[] sortedIds(TopKCollector c) {
    int[] ids = c.ids();
    Arrays.sort(ids);
    return ids;
  }

  @Test
  void theFallbackScoresExactlyTheAcceptedLiveIds() throws IOException {
    float[][] data = AnnTestData.clustered(N, 16, 20, 0.2, 3L);
    float[][] queries = AnnTestData.clustered(30, 16, 20, 0.2, 4L);
    HnswIndex hnsw =
        AnnTestData.addAll(
            new HnswIndex(16, Similarity.EUCLIDEAN, new HnswBuildParams(8, 64, 1)), data);
    ExactIndex exact = AnnTestData.addAll(new ExactIndex(16, Similarity.EUCLIDEAN), data);
    IdBitSet set = rareIds();
    // delete some accepted ids, among them word edges, and some rejected ones
    for (int id : new int[] {63, 128, N - 1, 1, 2, 500}) {
      hnsw.delete(id);
      exact.delete(id);
    }
    Path file = dir.resolve("index.mlsd");
    hnsw.save(file);
    HnswIndex mapped = HnswIndex.loadQuantized(file);
    int[] expected = acceptedLive(set, hnsw);
    assertTrue(expected.length > 20 && expected.length < 0.05 * N, "" + expected.length);
    IntPredicate sameAsPredicate = set::test; // a plain predicate: the scan tests every id

    VectorIndex.Searcher[] searchers = {
      hnsw.newSearcher(), mapped.newSearcher(), exact.newSearcher(), hnsw.newExactSearcher()
    };
    for (VectorIndex.Searcher s : searchers) {
      for (float[] q : queries) {
        // more results than pass: every accepted live id comes back, and nothing else
        TopKCollector all = new TopKCollector(expected.length + 7);
        s.search(q, EF_64, set, all);
        assertArrayEquals(expected, sortedIds(all), s.getClass().getSimpleName());
        // the ten best: as the predicate gives them, same ids in the same order, same scores
        TopKCollector a = new TopKCollector(10);
        TopKCollector b = new TopKCollector(10);
        s.search(q, EF_64, set, a);
        s.search(q, EF_64, sameAsPredicate, b);
        assertArrayEquals(b.ids(), a.ids());
        assertArrayEquals(b.scores(), a.scores(), 1e-5f);
      }
    }
    // the searcher reports the accepted live ids as scored, not the whole index
    HnswSearcher h = hnsw.newSearcher();
    h.search(queries[0], EF_64, set, new TopKCollector(10));
    assertEquals(expected.length, h.visitedCount());
  }

  @Test
  void aSetOfAnotherSizeNeverReturnsIdsOutsideIt() {
    float[][] data = AnnTestData.clustered(500, 8, 5, 0.2, 6L);
    HnswIndex index =
        AnnTestData.addAll(
            new HnswIndex(8, Similarity.COSINE, new HnswBuildParams(8, 64, 1)), data);
    // smaller than the index: ids past its size are rejected
    IdBitSet small = new IdBitSet(200);
    small.add(3);
    small.add(199);
    TopKCollector c = new TopKCollector(10);
    index.newSearcher().search(data[450], EF_64, small, c);
    assertArrayEquals(new int[] {3, 199}, sortedIds(c));
    // larger than the index (made for a catalogue that has not all been indexed yet)
    IdBitSet large = new IdBitSet(1000);
    large.add(7);
    large.add(499);
    large.add(500);
    large.add(999);
    c.reset();
    index.newSearcher().search(data[0], EF_64, large, c);
    assertArrayEquals(new int[] {7, 499}, sortedIds(c));
  }
}
