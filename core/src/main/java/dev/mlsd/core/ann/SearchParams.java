package dev.mlsd.core.ann;

/**
 * What a single query may spend; separate from {@link HnswBuildParams} because it can change per
 * request without rebuilding anything.
 *
 * <p>Trade-offs:
 *
 * <ul>
 *   <li>{@code ef}: the beam width on layer 0, the size of the candidate list. Recall rises and
 *       queries per second fall as ef grows; a query visits roughly {@code ef * m} nodes. It is
 *       raised to k when smaller. Tune it on held-out queries against the exact index: the ef that
 *       reaches recall@10 0.95 depends on the data (tens on structured embeddings, hundreds on
 *       uniform random vectors).
 *   <li>{@code exactBelowSelectivity}: with a filter, the fraction of live vectors that pass it
 *       below which the graph is skipped and the passing vectors are scanned exhaustively (as
 *       Lucene does). A selective filter disconnects the graph, so graph search would wander far
 *       for few results; an exact scan over a small fraction is then both cheaper and exact. The
 *       scan visits only the passing ids when the filter is an {@link IdBitSet}, every id when it
 *       is any other predicate. The graph search also gives up and scans when it has visited more
 *       nodes than pass the filter.
 *   <li>{@code rescoreMultiple}: on a quantized searcher ({@link HnswIndex#newQuantizedSearcher}),
 *       how many of the ef candidates found on the int8 codes are re-scored with the float vectors:
 *       the best {@code rescoreMultiple * k} by their approximate score (at most ef). Each re-score
 *       reads a whole float vector, four times the bytes of a code, so re-scoring all ef would cost
 *       a third of a query at ef 128; the codes rank well enough that the true top k lies among the
 *       first few k (Lucene calls this factor oversampling). Ignored by the float searcher.
 * </ul>
 *
 * @param ef beam width on layer 0, at least 1
 * @param exactBelowSelectivity filter selectivity in [0, 1] below which search is exhaustive
 * @param rescoreMultiple candidates re-scored per result on a quantized searcher, at least 1
 */
public record SearchParams(int ef, double exactBelowSelectivity, int rescoreMultiple) {
  /** The default selectivity threshold: filters passing under 5% of vectors are scanned. */
  public static final double DEFAULT_EXACT_BELOW_SELECTIVITY = 0.05;

  /** The default re-score depth of a quantized search: the best 3k candidates. */
  public static final int DEFAULT_RESCORE_MULTIPLE = 3;

  /** Validates the parameters. */
  public SearchParams {
    if (ef < 1) {
      throw new IllegalArgumentException("ef must be >= 1, got " + ef);
    }
    if (!(exactBelowSelectivity >= 0 && exactBelowSelectivity <= 1)) {
      throw new IllegalArgumentException(
          "exactBelowSelectivity must be in [0, 1], got " + exactBelowSelectivity);
    }
    if (rescoreMultiple < 1) {
      throw new IllegalArgumentException("rescoreMultiple must be >= 1, got " + rescoreMultiple);
    }
  }

  /**
   * @param ef beam width on layer 0, at least 1
   * @param exactBelowSelectivity filter selectivity in [0, 1] below which search is exhaustive
   */
  public SearchParams(int ef, double exactBelowSelectivity) {
    this(ef, exactBelowSelectivity, DEFAULT_RESCORE_MULTIPLE);
  }

  /**
   * @param ef beam width on layer 0, at least 1; the default selectivity threshold
   */
  public SearchParams(int ef) {
    this(ef, DEFAULT_EXACT_BELOW_SELECTIVITY, DEFAULT_RESCORE_MULTIPLE);
  }
}
