package dev.mlsd.videosearch.serving;

import dev.mlsd.core.inference.InferenceGraph;
import dev.mlsd.core.inference.Scratch;
import dev.mlsd.videosearch.features.TokenHasher;

/**
 * The text encoder at serving time: hashes the query's tokens ({@link TokenHasher}, the same call
 * training made) and runs the exported text tower on core's {@link InferenceGraph}. DL4J is not on
 * this path.
 *
 * <p>Thread safety: thread-safe; each thread encodes on its own scratch ({@link ThreadLocal}).
 *
 * <p>Book: chapter 4, "Model development" (text encoder) and "Serving".
 */
public final class QueryEncoder {
  private final InferenceGraph graph;
  private final TokenHasher hasher;
  private final int width;
  private final ThreadLocal<State> state;

  private static final class State {
    final int[] ids;
    final Scratch scratch;

    State(InferenceGraph g, int width) {
      ids = new int[width];
      scratch = g.newScratch(1);
    }
  }

  /**
   * @param graph the text tower: {@code width} ids in, an embedding out
   * @param hasher the hasher the model was trained with
   */
  public QueryEncoder(InferenceGraph graph, TokenHasher hasher) {
    this.graph = graph;
    this.hasher = hasher;
    this.width = graph.idWidth();
    this.state = ThreadLocal.withInitial(() -> new State(graph, width));
  }

  /** The embedding width. */
  public int dimension() {
    return graph.outputWidth();
  }

  /**
   * Encodes one query into {@code out} (not normalised).
   *
   * @return the number of token ids the query had (0: nothing to encode, {@code out} is the bias)
   */
  public int encode(String query, float[] out) {
    State s = state.get();
    int n = hasher.encode(query, s.ids, 0, width);
    graph.score(null, s.ids, 1, out, s.scratch);
    return n;
  }
}
