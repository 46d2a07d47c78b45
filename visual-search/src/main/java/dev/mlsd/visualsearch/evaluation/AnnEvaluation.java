package dev.mlsd.visualsearch.evaluation;

import dev.mlsd.core.ann.ExactIndex;
import dev.mlsd.core.ann.SearchParams;
import dev.mlsd.core.ann.Similarity;
import dev.mlsd.core.ann.TopKCollector;
import dev.mlsd.core.ann.VectorIndex;
import dev.mlsd.core.monitoring.LatencyRecorder;

/**
 * The approximate index beside its exact twin: the HNSW index's recall@10 against exact search of
 * the same embeddings, and the per-query latency of each (one thread, microseconds).
 *
 * <p>Book: chapter 2, "Approximate nearest neighbor" (exact search vs ANN).
 *
 * @param recallAt10 mean |ANN top 10 ∩ exact top 10| / 10 over all queries
 * @param ef the HNSW beam width searched with
 * @param annP50Us median HNSW query time
 * @param annP99Us 99th percentile HNSW query time
 * @param exactP50Us median exact query time
 * @param exactP99Us 99th percentile exact query time
 * @param timedQueries queries timed
 */
public record AnnEvaluation(
    double recallAt10,
    int ef,
    double annP50Us,
    double annP99Us,
    double exactP50Us,
    double exactP99Us,
    int timedQueries) {

  /**
   * Measures an ANN index against exact search.
   *
   * @param ann the approximate index over the gallery embeddings
   * @param gallery the same embeddings, for the exact twin's latency
   * @param truth the exact top lists of the same queries over the same embeddings, at least 10 deep
   *     (the evaluation's own, {@link RetrievalEvaluation.Result#exact()}: searching again would
   *     repeat its work)
   * @param queries query embeddings
   * @param count number of queries
   * @param params the ANN's query-time parameters
   * @param timed how many queries to time (the first ones)
   */
  public static AnnEvaluation measure(
      VectorIndex ann,
      float[] gallery,
      SearchResults truth,
      float[] queries,
      int count,
      SearchParams params,
      int timed) {
    int d = ann.dimension();
    ExactIndex exact = new ExactIndex(d, Similarity.COSINE, ann.size());
    RetrievalEvaluation.addAll(exact, gallery, d, ann.size());
    SearchResults approximate = SearchResults.search(ann, queries, count, 10, params);
    double recall = SearchResults.recallAgainst(approximate, truth, 10);
    LatencyRecorder annTime = time(ann, queries, Math.min(timed, count), params);
    LatencyRecorder exactTime = time(exact, queries, Math.min(timed, count), params);
    return new AnnEvaluation(
        recall,
        params.ef(),
        annTime.percentileMicros(50),
        annTime.percentileMicros(99),
        exactTime.percentileMicros(50),
        exactTime.percentileMicros(99),
        Math.min(timed, count));
  }

  private static LatencyRecorder time(VectorIndex index, float[] queries, int n, SearchParams p) {
    int d = index.dimension();
    VectorIndex.Searcher s = index.newSearcher();
    TopKCollector c = new TopKCollector(10);
    float[] q = new float[d];
    LatencyRecorder r = new LatencyRecorder("search");
    for (int i = 0; i < n; i++) {
      System.arraycopy(queries, i * d, q, 0, d);
      c.reset();
      long t0 = System.nanoTime();
      s.search(q, p, null, c);
      r.recordNanos(System.nanoTime() - t0);
    }
    return r;
  }
}
