package dev.mlsd.core.inference;

/**
 * One node of an {@link InferenceGraph}: reads the activations of earlier nodes from the {@link
 * Scratch} and writes its own. Node 0 is the graph's float input; layer {@code i} is node {@code i
 * + 1}.
 *
 * <p>Thread safety: layers are immutable; all mutable state is in the caller's scratch.
 */
sealed interface Layer
    permits Dense,
        EmbeddingBag,
        Concat,
        Add,
        Cross,
        CrossV2,
        FmSecondOrder,
        DotHead,
        ActivationHead,
        Conv2d,
        Pool2d {

  /** Output values per row. */
  int width();

  /** The nodes this layer reads, each lower than its own node index. */
  int[] inputs();

  /** Temporary floats per row this layer needs in {@link Scratch#tmp}. */
  default int tmpPerRow() {
    return 0;
  }

  /** Temporary floats this layer needs in {@link Scratch#tmp} for a chunk of {@code capacity}. */
  default long tmpFloats(int capacity) {
    return (long) capacity * tmpPerRow();
  }

  /** Multiply-adds per row, times two: the FLOP count the benchmarks report. */
  long flopsPerRow();

  /**
   * Computes this node for {@code rows} rows.
   *
   * @param s the scratch holding every node's buffer and row offset
   * @param self this layer's node index
   * @param rows rows in this chunk, at most the scratch's capacity
   * @param k the kernels to compute with
   */
  void forward(Scratch s, int self, int rows, Kernels k);
}
