package dev.mlsd.core.serving;

/**
 * Re-ranking: business rules and constraints applied to the ranked list (diversity, freshness,
 * fairness, de-duplication by creator). One class per rule.
 *
 * <p>Contract: receives the candidates sorted by score (descending, ties by id); may reorder them
 * with {@link Candidates#swap(int, int)} and {@link Candidates#moveTo(int, int)} and drop them with
 * {@link Candidates#remove(int)}. After the last re-ranker the pipeline keeps the first {@code k}.
 *
 * <p>Thread safety: one instance serves every request thread; must be thread-safe.
 *
 * <p>Book: chapter 1, "Re-ranking"; chapter 6, "Re-ranking"; chapter 8 (advertiser diversity).
 *
 * @param <Q> the module's request type
 */
@FunctionalInterface
public interface ReRanker<Q> {
  /**
   * Re-orders or trims one request's ranked candidates.
   *
   * @param query the request
   * @param ranked the candidates in ranked order
   * @param k how many results the request asked for
   */
  void reRank(Q query, Candidates ranked, int k);
}
