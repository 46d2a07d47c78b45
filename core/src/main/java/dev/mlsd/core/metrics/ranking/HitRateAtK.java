package dev.mlsd.core.metrics.ranking;

/**
 * Hit rate@k for one query: 1 if at least one relevant item is in the top k, else 0. Averaged over
 * queries ({@link QueryMean}) it is the share of queries with a hit. With exactly one relevant item
 * per query (leave-one-out evaluation) it equals recall@k.
 *
 * <p>Range [0, 1], higher is better. A query with no relevant item scores 0. Book: chapter 6 and
 * chapter 7 (recommendation).
 *
 * <p>Thread safety: stateless.
 */
public final class HitRateAtK {
  private HitRateAtK() {}

  /**
   * Computes the hit indicator for one query.
   *
   * @param ranked item ids, best first, no repeats
   * @param relevant the relevant item ids, no repeats
   * @param k the cut-off, at least 1
   */
  public static double compute(int[] ranked, int[] relevant, int k) {
    return Relevance.count(Relevance.hits(ranked, relevant, k)) > 0 ? 1.0 : 0.0;
  }
}
