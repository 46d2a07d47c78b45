package dev.mlsd.core.ann;

import java.util.Arrays;
import java.util.function.IntFunction;
import java.util.function.IntPredicate;

/**
 * Recall@k of an approximate index against its exact twin: the share of the exact top k that the
 * approximate search returns, over a set of queries. The one measure every ANN test, benchmark and
 * demo reports, so that their numbers mean the same thing.
 *
 * <p>Definition: {@code sum over queries of |approx top k ∩ exact top k| / sum of |exact top k|}.
 * When every query has k exact results (no filter, or a filter that leaves at least k), this is the
 * mean of the per-query recalls. A query set whose exact results are all empty has recall 1. Ties
 * in the exact answer break by ascending id, like every {@link TopKCollector}.
 *
 * <p>The exact twin is normally {@link HnswIndex#newExactSearcher()} (the same stored vectors,
 * scanned) or an {@link ExactIndex} over the same vectors.
 *
 * <p>Allocation: a tool for tests, benchmarks and reports, not a request path; it allocates per
 * call.
 *
 * <p>Thread safety: stateless; each call uses the searchers it is given on the calling thread.
 *
 * <p>Book: chapter 2, "Approximate nearest neighbor" (the accuracy-speed trade-off).
 */
public final class RecallAgainstExact {
  private RecallAgainstExact() {}

  /**
   * Recall@k of {@code approx} against {@code exact}, every query under the same filter.
   *
   * @param approx the approximate searcher
   * @param exact the exact searcher over the same vectors
   * @param queries the query vectors
   * @param k results per query, at least 1
   * @param params the approximate search's parameters
   * @param filter which ids may be returned, or null for all
   */
  public static double recall(
      VectorIndex.Searcher approx,
      VectorIndex.Searcher exact,
      float[][] queries,
      int k,
      SearchParams params,
      IntPredicate filter) {
    return recallWithFilters(approx, exact, queries, k, params, i -> filter);
  }

  /**
   * Recall@k of {@code approx} against {@code exact}, each query under its own filter (e.g. the
   * user's already-watched items excluded).
   *
   * @param filterOfQuery the filter of query {@code i}, or null (or a null filter) for all ids
   */
  public static double recallWithFilters(
      VectorIndex.Searcher approx,
      VectorIndex.Searcher exact,
      float[][] queries,
      int k,
      SearchParams params,
      IntFunction<IntPredicate> filterOfQuery) {
    TopKCollector a = new TopKCollector(k);
    TopKCollector e = new TopKCollector(k);
    int[] found = new int[k];
    int[] truth = new int[k];
    long hits = 0;
    long total = 0;
    for (int i = 0; i < queries.length; i++) {
      IntPredicate filter = filterOfQuery == null ? null : filterOfQuery.apply(i);
      a.reset();
      e.reset();
      approx.search(queries[i], params, filter, a);
      exact.search(queries[i], params, filter, e);
      int nFound = a.drainTo(found, null);
      int nTruth = e.drainTo(truth, null);
      hits += hits(Arrays.copyOf(truth, nTruth), found, nFound);
      total += nTruth;
    }
    return total == 0 ? 1.0 : (double) hits / total;
  }

  /**
   * Recall@k of given answers against a given ground truth (for indexes that are not a {@link
   * VectorIndex}, e.g. other libraries in a benchmark).
   *
   * @param truth per query, the exact top-k ids
   * @param found per query, the approximate ids (any order; only the first {@code k} of each count,
   *     with {@code k} the length of that query's truth)
   */
  public static double recall(int[][] truth, int[][] found) {
    if (truth.length != found.length) {
      throw new IllegalArgumentException(
          truth.length + " ground-truth lists but " + found.length + " answers");
    }
    long hits = 0;
    long total = 0;
    for (int i = 0; i < truth.length; i++) {
      hits += hits(truth[i], found[i], Math.min(found[i].length, truth[i].length));
      total += truth[i].length;
    }
    return total == 0 ? 1.0 : (double) hits / total;
  }

  /**
   * The exact top-k ids of each query, best first.
   *
   * @param exact an exact searcher
   * @param queries the query vectors
   * @param k results per query, at least 1
   */
  public static int[][] groundTruth(VectorIndex.Searcher exact, float[][] queries, int k) {
    TopKCollector c = new TopKCollector(k);
    int[][] truth = new int[queries.length][];
    for (int i = 0; i < queries.length; i++) {
      c.reset();
      exact.search(queries[i], null, null, c);
      truth[i] = c.ids();
    }
    return truth;
  }

  /**
   * How many of the ids in {@code truth} are among the first {@code foundCount} of {@code found}.
   *
   * @param truth distinct ids
   * @param found ids, the first {@code foundCount} used; not modified
   */
  public static int hits(int[] truth, int[] found, int foundCount) {
    int[] sorted = Arrays.copyOf(found, foundCount);
    Arrays.sort(sorted);
    int hits = 0;
    for (int id : truth) {
      if (Arrays.binarySearch(sorted, id) >= 0) {
        hits++;
      }
    }
    return hits;
  }
}
