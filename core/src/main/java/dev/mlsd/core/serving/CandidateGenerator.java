package dev.mlsd.core.serving;

/**
 * Candidate generation (retrieval): the cheap first stage that narrows all items to a few hundred
 * or thousand candidates for one request.
 *
 * <p>Contract: push candidates into {@code out} with {@link Candidates#add(int, float)}; order does
 * not matter to later stages, duplicates are dropped by {@code out} (the first generator to add an
 * id keeps it), and adds beyond the pipeline's capacity are ignored and counted. Never allocate per
 * candidate.
 *
 * <p>Thread safety: one instance serves every request thread; implementations must be thread-safe
 * (normally: immutable after construction).
 *
 * <p>Book: chapter 1, "Serving"; chapter 6, "Candidate generation" (several generators merged).
 *
 * @param <Q> the module's request type (user, context, k)
 */
@FunctionalInterface
public interface CandidateGenerator<Q> {
  /**
   * Adds this generator's candidates for one request.
   *
   * @param query the request
   * @param out the request's candidate list, collecting and de-duplicating ids
   */
  void generate(Q query, Candidates out);
}
