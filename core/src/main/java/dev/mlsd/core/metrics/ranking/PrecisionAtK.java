package dev.mlsd.core.metrics.ranking;

/**
 * Precision@k: the share of the top k ranked items that are relevant,
 *
 * <pre>
 *   P@k = |top_k(ranked) ∩ relevant| / k
 * </pre>
 *
 * The denominator is k even when the list is shorter than k (missing slots count as misses). Range
 * [0, 1], higher is better; at most |relevant| / k, so it cannot reach 1 when fewer than k items
 * are relevant. A query with no relevant item scores 0. Book: chapter 2 (visual search), chapter 6.
 *
 * <p>Thread safety: stateless.
 */
public final class PrecisionAtK {
  private PrecisionAtK() {}

  /**
   * Computes P@k for one query.
   *
   * @param ranked item ids, best first, no repeats
   * @param relevant the relevant item ids, no repeats
   * @param k the cut-off, at least 1
   */
  public static double compute(int[] ranked, int[] relevant, int k) {
    return (double) Relevance.count(Relevance.hits(ranked, relevant, k)) / k;
  }
}
