package dev.mlsd.core.metrics.ranking;

/**
 * Reciprocal rank for one query: 1 / (rank of the first relevant item), ranks counted from 1, or 0
 * if no relevant item is in the top k. The mean over queries ({@link QueryMean}) is the mean
 * reciprocal rank (MRR):
 *
 * <pre>
 *   MRR = (1/m) * sum_q 1 / rank_q
 * </pre>
 *
 * Range [0, 1], higher is better. Only the first relevant item counts. A query with no relevant
 * item scores 0. Book: chapter 2 (visual search), chapter 4 (video search).
 *
 * <p>Thread safety: stateless.
 */
public final class ReciprocalRank {
  private ReciprocalRank() {}

  /**
   * Computes the reciprocal rank within the top k.
   *
   * @param ranked item ids, best first, no repeats
   * @param relevant the relevant item ids, no repeats
   * @param k the cut-off, at least 1; {@code ranked.length} for the whole list
   */
  public static double compute(int[] ranked, int[] relevant, int k) {
    boolean[] hits = Relevance.hits(ranked, relevant, k);
    for (int i = 0; i < hits.length; i++) {
      if (hits[i]) {
        return 1.0 / (i + 1);
      }
    }
    return 0.0;
  }
}
