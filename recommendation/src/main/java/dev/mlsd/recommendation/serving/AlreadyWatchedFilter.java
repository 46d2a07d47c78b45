package dev.mlsd.recommendation.serving;

import dev.mlsd.core.serving.Filter;

/**
 * Removes videos the user has already watched (the request's history). The ANN generators already
 * skip them inside the search; this filter guarantees it for every generator.
 *
 * <p>Thread safety: stateless.
 *
 * <p>Book: chapter 6, "Re-ranking" (filters).
 */
public final class AlreadyWatchedFilter implements Filter<RecoRequest> {
  @Override
  public boolean keep(RecoRequest q, int candidateId) {
    return !q.seen(candidateId);
  }
}
