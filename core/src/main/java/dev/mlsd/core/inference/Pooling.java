package dev.mlsd.core.inference;

/** How an embedding layer combines the vectors of a row's bag of ids. */
public enum Pooling {
  /** The bag's vectors side by side, {@code bagSize * dim} wide: one vector per field. */
  CONCAT,
  /**
   * The bag's vectors interleaved dimension-major, {@code bagSize * dim} wide: element {@code (j,
   * t)} (dimension {@code j} of the {@code t}-th id) at {@code j * bagSize + t}. This is DL4J's
   * {@code EmbeddingSequenceLayer} output in its default NCW format {@code [batch, dim, bagSize]}
   * flattened row-major.
   */
  CONCAT_NCW,
  /** The element-wise sum (DL4J: global pooling, SUM). */
  SUM,
  /** The element-wise mean over the real (non-padding) ids (DL4J: global pooling, AVG). */
  MEAN
}
