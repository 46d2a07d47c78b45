package dev.mlsd.visualsearch.model;

import dev.mlsd.core.inference.InferenceGraph;
import dev.mlsd.core.inference.Scratch;

/**
 * The CNN encoder on core's inference path: the exported {@link InferenceGraph} followed by L2
 * normalisation. Serves both the trained encoder and the random-weight baseline.
 *
 * <p>Thread safety: thread-safe; each thread scores with its own scratch (made on first use, then
 * reused, so a request allocates nothing).
 *
 * <p>Book: chapter 2, "Embedding generation service".
 */
public final class Encoder implements ImageEmbedder {
  /** Rows a scratch scores per pass. */
  public static final int SCRATCH_ROWS = 64;

  private final String name;
  private final InferenceGraph graph;
  private final ThreadLocal<Scratch> scratch;

  public Encoder(String name, InferenceGraph graph) {
    this.name = name;
    this.graph = graph;
    this.scratch = ThreadLocal.withInitial(() -> graph.newScratch(SCRATCH_ROWS));
  }

  /** The graph (for parity checks and benchmarks). */
  public InferenceGraph graph() {
    return graph;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public int dimension() {
    return graph.outputWidth();
  }

  @Override
  public void embed(float[] images, int first, int rows, float[] out) {
    int size = graph.inputWidth();
    if (first == 0) {
      graph.score(images, rows, out, scratch.get());
    } else {
      float[] part = java.util.Arrays.copyOfRange(images, first * size, (first + rows) * size);
      graph.score(part, rows, out, scratch.get());
    }
    ImageEmbedder.normaliseRows(out, 0, rows, dimension());
  }
}
