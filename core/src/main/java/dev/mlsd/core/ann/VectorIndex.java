package dev.mlsd.core.ann;

import java.util.function.IntPredicate;

/**
 * A nearest-neighbour index over fixed-length float vectors: the retrieval stage of visual search,
 * video search, recommendation and similar listings.
 *
 * <p>Ids are dense ints assigned in insertion order: the n-th {@link #add} returns {@code n - 1}.
 * Callers keep their own id-to-item table (an {@code int[]} or a list), resolved once, outside the
 * request path. Deletion is soft: a deleted id keeps its slot and is never returned again.
 *
 * <p>Searching goes through a {@link Searcher}, which owns the per-query scratch state (visited
 * marks, candidate heaps, the normalised query) and is therefore single-threaded: create one per
 * thread and reuse it. Results are pushed into a {@link TopKCollector}, best first on drain.
 *
 * <p>Thread safety of the index itself: see each implementation ({@link ExactIndex}, {@link
 * HnswIndex}); both let searches run concurrently with each other and with {@link #add}/{@link
 * #delete}, each search seeing the index as it was between two writes.
 *
 * <p>Book: chapter 2 (visual search), section "Approximate nearest neighbor".
 */
public interface VectorIndex {

  /** The length of every vector. */
  int dimension();

  /** How vectors are compared. */
  Similarity similarity();

  /** The number of ids assigned so far, deleted ones included. */
  int size();

  /** The number of ids not deleted. */
  int liveCount();

  /**
   * Adds a vector (copied; normalised first under {@link Similarity#COSINE}).
   *
   * @param vector a vector of length {@link #dimension()}, finite values
   * @return its id, {@code size() - 1} after the call
   * @throws IllegalArgumentException on a wrong length, a non-finite value, or a zero vector under
   *     cosine
   */
  int add(float[] vector);

  /**
   * Soft-deletes an id: it stays in the index (an HNSW graph keeps routing through it) but is never
   * returned by a search. The space is reclaimed only by building a new index.
   *
   * @param id an id returned by {@link #add}
   * @return true if it was live, false if it was already deleted
   * @throws IllegalArgumentException if the id was never assigned
   */
  boolean delete(int id);

  /**
   * @return whether the id has been deleted
   * @throws IllegalArgumentException if the id was never assigned
   */
  boolean isDeleted(int id);

  /** A new single-threaded searcher over this index. */
  Searcher newSearcher();

  /**
   * Convenience: the ids of the k best live vectors, best first. Allocates a searcher and a
   * collector; on a hot path, keep a {@link Searcher} and a {@link TopKCollector} per thread.
   *
   * @param query a vector of length {@link #dimension()}
   * @param k how many results, at least 1
   * @param params query-time parameters (ignored by the exact index)
   * @return up to k ids, best first
   */
  default int[] search(float[] query, int k, SearchParams params) {
    TopKCollector results = new TopKCollector(k);
    newSearcher().search(query, params, null, results);
    return results.ids();
  }

  /**
   * Runs queries against one index. Owns its scratch state, reset per query.
   *
   * <p>Not thread-safe: one searcher per thread.
   */
  interface Searcher {
    /**
     * Pushes the best live vectors that pass the filter into {@code results} (which keeps its k
     * best; it is not reset here, so several searches may feed one collector).
     *
     * @param query a vector of length {@link VectorIndex#dimension()}; not modified
     * @param params query-time parameters
     * @param filter which ids may be returned, or null for all; called with ids only, on the
     *     searching thread. An {@link IdBitSet} lets an exhaustive scan visit only the ids it holds
     *     instead of calling the filter on every id
     * @param results receives (id, score) pairs
     * @throws IllegalArgumentException on a query of the wrong length or with non-finite values
     */
    void search(float[] query, SearchParams params, IntPredicate filter, TopKCollector results);
  }
}
