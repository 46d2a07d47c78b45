package dev.mlsd.videosearch.serving;

import dev.mlsd.core.inference.InferenceGraph;
import dev.mlsd.core.inference.Scratch;
import dev.mlsd.videosearch.features.TokenHasher;

/**
 * The video tower as it runs here: hashes the video's catalogue text and runs the exported video
 * tower on core's {@link InferenceGraph}. It stands in for the book's frame-level encoder (see
 * {@link VideoEncoder}).
 *
 * <p>Thread safety: thread-safe (a scratch per thread).
 */
public final class CatalogueTextVideoEncoder implements VideoEncoder {
  private final InferenceGraph graph;
  private final TokenHasher hasher;
  private final ThreadLocal<int[]> ids;
  private final ThreadLocal<Scratch> scratch;

  /**
   * @param graph the video tower: ids in, an embedding out
   * @param hasher the hasher the model was trained with
   */
  public CatalogueTextVideoEncoder(InferenceGraph graph, TokenHasher hasher) {
    this.graph = graph;
    this.hasher = hasher;
    this.ids = ThreadLocal.withInitial(() -> new int[graph.idWidth()]);
    this.scratch = ThreadLocal.withInitial(() -> graph.newScratch(1));
  }

  @Override
  public int dimension() {
    return graph.outputWidth();
  }

  @Override
  public void encode(String catalogueText, float[] out) {
    int[] row = ids.get();
    hasher.encode(catalogueText, row, 0, row.length);
    graph.score(null, row, 1, out, scratch.get());
  }
}
