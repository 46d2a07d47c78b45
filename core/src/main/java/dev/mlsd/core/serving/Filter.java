package dev.mlsd.core.serving;

/**
 * One business rule that removes candidates before they cost feature reads and model time (already
 * watched, out of budget, blocked advertiser). One class per rule.
 *
 * <p>Filters run after candidate generation and before feature hydration, in declaration order; a
 * candidate is kept only if every filter keeps it.
 *
 * <p>Thread safety: one instance serves every request thread; must be thread-safe.
 *
 * <p>Book: chapter 1, "Re-ranking" (filters); chapter 6, "Re-ranking".
 *
 * @param <Q> the module's request type
 */
@FunctionalInterface
public interface Filter<Q> {
  /**
   * Decides one candidate.
   *
   * @param query the request
   * @param candidateId the candidate's item id
   * @return whether the candidate stays
   */
  boolean keep(Q query, int candidateId);
}
