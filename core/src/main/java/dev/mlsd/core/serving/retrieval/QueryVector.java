package dev.mlsd.core.serving.retrieval;

import java.util.function.IntPredicate;

/**
 * Where an {@link AnnCandidateGenerator} finds the vector to search with: a field of the request,
 * normally written by the pipeline's query hydration stage (a user embedding, a text or image
 * embedding of the query).
 *
 * <p>Contract: {@link #vector} returns an array the request owns, of exactly the index's dimension
 * (for a {@link dev.mlsd.core.ann.MipsTransform}ed index, the query as {@link
 * dev.mlsd.core.ann.MipsTransform#queryInto} wrote it); nothing is allocated per call. The array is
 * only read.
 *
 * <p>Thread safety: called from many threads at once, each with its own request; normally a method
 * reference to a field accessor.
 *
 * @param <Q> the module's request type
 */
@FunctionalInterface
public interface QueryVector<Q> {
  /** The query vector of this request. */
  float[] vector(Q query);

  /**
   * Which ids the search may return for this request (e.g. not yet watched), or null for all. The
   * default returns null. Applied inside the search, so an excluded id does not use up one of the n
   * places.
   */
  default IntPredicate filter(Q query) {
    return null;
  }
}
