package dev.mlsd.core.metrics.ranking;

/**
 * Recall@k: the share of the relevant items that appear in the top k,
 *
 * <pre>
 *   R@k = |top_k(ranked) ∩ relevant| / |relevant|
 * </pre>
 *
 * Range [0, 1], higher is better. A query with no relevant item scores 0 (by this package's
 * convention; {@link QueryMean} leaves such queries out). Book: chapter 2 (visual search), chapter
 * 6 (video recommendation), chapter 11 (people you may know).
 *
 * <p>Thread safety: stateless.
 */
public final class RecallAtK {
  private RecallAtK() {}

  /**
   * Computes R@k for one query.
   *
   * @param ranked item ids, best first, no repeats
   * @param relevant the relevant item ids, no repeats
   * @param k the cut-off, at least 1
   */
  public static double compute(int[] ranked, int[] relevant, int k) {
    boolean[] hits = Relevance.hits(ranked, relevant, k);
    return relevant.length == 0 ? 0.0 : (double) Relevance.count(hits) / relevant.length;
  }
}
