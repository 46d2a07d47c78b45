package dev.mlsd.visualsearch.evaluation;

import dev.mlsd.core.ann.SearchParams;
import dev.mlsd.core.ann.TopKCollector;
import dev.mlsd.core.ann.VectorIndex;
import java.util.function.IntPredicate;
import java.util.stream.IntStream;

/**
 * The top {@code k} gallery ids of every query from one index, searched in parallel (one searcher
 * and one collector per worker thread).
 *
 * <p>Book: chapter 2, "Nearest neighbor service".
 *
 * @param ranked {@code ranked[q]}: gallery ids, best first
 * @param nanos wall-clock nanoseconds of the whole search
 */
public record SearchResults(int[][] ranked, long nanos) {

  /**
   * Searches every query.
   *
   * @param index the gallery index
   * @param queries {@code count * dim} query embeddings
   * @param count number of queries
   * @param k results per query
   * @param params query-time parameters (ignored by the exact index)
   */
  public static SearchResults search(
      VectorIndex index, float[] queries, int count, int k, SearchParams params) {
    int d = index.dimension();
    int[][] ranked = new int[count][];
    ThreadLocal<VectorIndex.Searcher> searchers = ThreadLocal.withInitial(index::newSearcher);
    ThreadLocal<TopKCollector> collectors = ThreadLocal.withInitial(() -> new TopKCollector(k));
    ThreadLocal<float[]> query = ThreadLocal.withInitial(() -> new float[d]);
    IntPredicate all = null;
    long start = System.nanoTime();
    IntStream.range(0, count)
        .parallel()
        .forEach(
            q -> {
              float[] v = query.get();
              System.arraycopy(queries, q * d, v, 0, d);
              TopKCollector c = collectors.get();
              c.reset();
              searchers.get().search(v, params, all, c);
              int[] ids = new int[c.size()];
              c.drainTo(ids, null);
              ranked[q] = ids;
            });
    return new SearchResults(ranked, System.nanoTime() - start);
  }

  /** Mean over queries of |ANN top-k ∩ exact top-k| / k: the ANN's recall against exact search. */
  public static double recallAgainst(SearchResults ann, SearchResults exact, int k) {
    double sum = 0;
    for (int q = 0; q < exact.ranked.length; q++) {
      int[] truth = exact.ranked[q];
      int depth = Math.min(k, truth.length);
      int[] sorted = java.util.Arrays.copyOf(truth, depth);
      java.util.Arrays.sort(sorted);
      int hit = 0;
      int[] got = ann.ranked[q];
      for (int i = 0; i < Math.min(k, got.length); i++) {
        if (java.util.Arrays.binarySearch(sorted, got[i]) >= 0) {
          hit++;
        }
      }
      sum += depth == 0 ? 1 : (double) hit / depth;
    }
    return sum / exact.ranked.length;
  }
}
