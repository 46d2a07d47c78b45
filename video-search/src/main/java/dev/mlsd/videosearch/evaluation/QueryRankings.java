package dev.mlsd.videosearch.evaluation;

import dev.mlsd.core.metrics.ranking.Ndcg;
import dev.mlsd.core.metrics.ranking.QueryMean;
import dev.mlsd.core.metrics.ranking.RecallAtK;
import dev.mlsd.core.metrics.ranking.ReciprocalRank;
import dev.mlsd.videosearch.data.SearchQuery;
import java.util.Arrays;
import java.util.List;

/**
 * One system's ranked lists for a set of queries, and the book's metrics of them, per query: MRR
 * (the book's choice, each query having one relevant video), recall@k and nDCG@10, all computed by
 * core's {@code dev.mlsd.core.metrics.ranking}.
 *
 * @param system the system's name
 * @param ranked one list of video ids per query, best first
 * @param relevant the relevant video of each query, as a one-element set
 *     <p>Thread safety: immutable after construction (arrays not copied; do not modify).
 */
public record QueryRankings(String system, int[][] ranked, int[][] relevant) {

  /**
   * Runs a retriever over the queries.
   *
   * @param system the name
   * @param retriever the system
   * @param queries the queries
   * @param depth how many videos each query returns
   */
  public static QueryRankings of(
      String system, Retriever retriever, List<SearchQuery> queries, int depth) {
    int[][] ranked = new int[queries.size()][];
    int[][] relevant = new int[queries.size()][];
    int[] buf = new int[depth];
    for (int q = 0; q < queries.size(); q++) {
      SearchQuery query = queries.get(q);
      int n = retriever.retrieve(query, depth, buf);
      ranked[q] = Arrays.copyOf(buf, n);
      relevant[q] = new int[] {query.videoId()};
    }
    return new QueryRankings(system, ranked, relevant);
  }

  /** The number of queries. */
  public int queries() {
    return ranked.length;
  }

  /** Reciprocal rank per query over the whole returned list (0 when the video is not in it). */
  public double[] reciprocalRanks() {
    return QueryMean.perQuery(ranked, relevant, Integer.MAX_VALUE, ReciprocalRank::compute);
  }

  /** Recall@k per query (1 or 0, one relevant video). */
  public double[] recallAt(int k) {
    return QueryMean.perQuery(ranked, relevant, k, RecallAtK::compute);
  }

  /** Binary nDCG@k per query. */
  public double[] ndcgAt(int k) {
    return QueryMean.perQuery(ranked, relevant, k, Ndcg::compute);
  }

  /** The 1-based rank of the relevant video of query {@code q}, or 0 when it was not returned. */
  public int rankOfRelevant(int q) {
    int[] r = ranked[q];
    for (int i = 0; i < r.length; i++) {
      if (r[i] == relevant[q][0]) {
        return i + 1;
      }
    }
    return 0;
  }
}
