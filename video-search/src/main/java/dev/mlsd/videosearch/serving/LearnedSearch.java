package dev.mlsd.videosearch.serving;

import dev.mlsd.core.ann.SearchParams;
import dev.mlsd.core.ann.TopKCollector;
import dev.mlsd.core.ann.VectorIndex;

/**
 * The learned search ("visual search" in the book): encode the query with the text tower, then find
 * the videos whose embeddings are nearest by cosine similarity in an ANN index (core's HNSW, or its
 * exact twin). Video ids are the index's vector ids.
 *
 * <p>Thread safety: thread-safe; each thread has its own searcher and buffers.
 *
 * <p>Book: chapter 4, "Serving" (visual search: ANN over the video embeddings).
 */
public final class LearnedSearch implements SearchComponent {
  private final QueryEncoder encoder;
  private final VectorIndex index;
  private final SearchParams params;
  private final ThreadLocal<State> state;

  private static final class State {
    final float[] query;
    final VectorIndex.Searcher searcher;
    TopKCollector top;

    State(VectorIndex index, int dimension) {
      query = new float[dimension];
      searcher = index.newSearcher();
      top = new TopKCollector(1);
    }
  }

  /**
   * @param encoder the query encoder
   * @param index the video embeddings under cosine similarity, vector id = video id
   * @param params the ANN query parameters (ef)
   */
  public LearnedSearch(QueryEncoder encoder, VectorIndex index, SearchParams params) {
    if (encoder.dimension() != index.dimension()) {
      throw new IllegalArgumentException(
          "encoder width " + encoder.dimension() + " != index width " + index.dimension());
    }
    this.encoder = encoder;
    this.index = index;
    this.params = params;
    this.state = ThreadLocal.withInitial(() -> new State(index, encoder.dimension()));
  }

  /** The index searched. */
  public VectorIndex index() {
    return index;
  }

  @Override
  public int search(String query, int depth, int[] ids, float[] scores) {
    State s = state.get();
    if (encoder.encode(query, s.query) == 0) {
      throw new IllegalArgumentException("the query has no searchable words (letters or digits)");
    }
    if (s.top.k() != depth) {
      s.top = new TopKCollector(depth);
    }
    s.top.reset();
    s.searcher.search(s.query, params, null, s.top);
    return s.top.drainTo(ids, scores);
  }
}
