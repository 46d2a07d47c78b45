package dev.mlsd.core.inference;

/** How an embedding layer combines the vectors of a row's bag of ids. */
public enum Pooling {
  /** The bag's vectors side by side, {@code bagSize * dim} wide: one vector per field. */
  CONCAT,
  /** The element-wise sum (DL4J: global pooling, SUM). */
  SUM,
  /** The element-wise mean over the real (non-padding) ids (DL4J: global pooling, AVG). */
  MEAN
}
