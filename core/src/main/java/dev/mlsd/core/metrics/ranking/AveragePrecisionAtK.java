package dev.mlsd.core.metrics.ranking;

/**
 * Average precision at k for one query: the mean of precision@i at the ranks i of the relevant
 * items in the top k,
 *
 * <pre>
 *   AP@k = (1 / min(|relevant|, k)) * sum_{i=1..k} P@i * rel_i,   rel_i = 1 if item i is relevant
 * </pre>
 *
 * The denominator min(|relevant|, k) is the most hits the top k can hold, so AP@k = 1 exactly when
 * the top k is as full of relevant items as it can be, and AP@k is at most 1. (This is the common
 * {@code apk} of recommender evaluation; dividing by |relevant| instead would cap AP@k below 1
 * whenever more than k items are relevant.) The mean over queries ({@link QueryMean}) is mAP@k.
 *
 * <p>Range [0, 1], higher is better. A query with no relevant item scores 0. Book: chapter 2
 * (visual search: mAP), chapter 6.
 *
 * <p>Thread safety: stateless.
 */
public final class AveragePrecisionAtK {
  private AveragePrecisionAtK() {}

  /**
   * Computes AP@k for one query.
   *
   * @param ranked item ids, best first, no repeats
   * @param relevant the relevant item ids, no repeats
   * @param k the cut-off, at least 1
   */
  public static double compute(int[] ranked, int[] relevant, int k) {
    boolean[] hits = Relevance.hits(ranked, relevant, k);
    if (relevant.length == 0) {
      return 0.0;
    }
    double sum = 0;
    int found = 0;
    for (int i = 0; i < hits.length; i++) {
      if (hits[i]) {
        found++;
        sum += (double) found / (i + 1);
      }
    }
    return sum / Math.min(relevant.length, k);
  }
}
