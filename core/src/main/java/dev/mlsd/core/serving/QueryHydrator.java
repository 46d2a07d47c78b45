package dev.mlsd.core.serving;

/**
 * Query hydration: the first stage of a {@link ServingPipeline}, which computes the query's own
 * features once per request, before any candidate is generated: the user or query embedding the ANN
 * generators search with, online aggregates of the user's history, request-time context. Its time
 * is the pipeline's {@link Stage#QUERY_HYDRATION} figure.
 *
 * <p>Contract: writes what it derives into the request object (the query), which later stages only
 * read. Its own working buffers (a model's hidden-layer scratch) live in a {@link ThreadLocal} of
 * the hydrator, not in the request (see the scratch rule in {@link ServingPipeline}). It may throw
 * {@link IllegalArgumentException} for a query it cannot serve (an unknown item in the history);
 * the pipeline then stops before any other stage runs.
 *
 * <p>Thread safety: one instance serves every request thread; must be thread-safe.
 *
 * <p>Book: chapter 6, "Serving" (the user's features computed at request time); chapter 1,
 * "Serving" (online features).
 *
 * @param <Q> the module's request type
 */
@FunctionalInterface
public interface QueryHydrator<Q> {
  /**
   * Computes one request's query-side features.
   *
   * @param query the request; its derived fields are written here
   */
  void hydrate(Q query);
}
