package dev.mlsd.core.ann;

import java.util.Arrays;

/**
 * The int8 codes of every vector of an index ({@link ScalarQuantizer}), {@code dimension} bytes per
 * vector in one contiguous {@code byte[]}, plus the squared norm of each decoded vector under
 * Euclidean distance: a quarter of the float block and four bytes, which is what a graph search on
 * codes reads.
 *
 * <p>Not thread-safe: the owning {@link HnswIndex} guards it with its read-write lock.
 */
final class QuantizedVectors {
  final ScalarQuantizer quantizer;
  final Similarity similarity;
  private final int dimension;
  byte[] codes;
  float[] norms; // squared norm of each decoded vector; Euclidean only, else null

  private final float[] row; // a mapped vector being encoded

  private QuantizedVectors(ScalarQuantizer quantizer, Similarity similarity, int capacity) {
    this.quantizer = quantizer;
    this.similarity = similarity;
    this.dimension = quantizer.dimension;
    this.row = new float[dimension];
    this.codes = new byte[Math.multiplyExact(capacity, dimension)];
    this.norms = similarity == Similarity.EUCLIDEAN ? new float[capacity] : null;
  }

  /** Fits the quantizer on every vector of the store (heap or mapped) and encodes them all. */
  static QuantizedVectors of(VectorStore store) {
    ScalarQuantizer q = ScalarQuantizer.fit(store);
    QuantizedVectors out =
        new QuantizedVectors(q, store.similarity, Math.max(16, store.capacity()));
    for (int id = 0; id < store.size; id++) {
      out.encode(store, id);
    }
    return out;
  }

  /** Encodes the store's vector {@code id} (appended after fitting: clamped to the range). */
  void encode(VectorStore store, int id) {
    if ((long) (id + 1) * dimension > codes.length) {
      int cap = Math.max(id + 1, codes.length / dimension + (codes.length / dimension >> 1));
      codes = Arrays.copyOf(codes, Math.multiplyExact(cap, dimension));
      if (norms != null) {
        norms = Arrays.copyOf(norms, cap);
      }
    }
    float norm2;
    if (store.data != null) {
      norm2 = quantizer.encode(store.data, id * dimension, codes, id * dimension);
    } else {
      store.copyVector(id, row);
      norm2 = quantizer.encode(row, 0, codes, id * dimension);
    }
    if (norms != null) {
      norms[id] = norm2;
    }
  }

  /**
   * The approximate score of a prepared query against vector {@code id}.
   *
   * @param weights the query's weights from {@link ScalarQuantizer#prepareQuery}
   * @param constant the constant it returned
   * @param queryNorm2 the query's squared norm (used under Euclidean distance only)
   */
  float score(float[] weights, float constant, float queryNorm2, int id) {
    float dot = constant + Kernels.IMPL.dot(weights, 0, codes, id * dimension, dimension);
    return norms == null ? dot : 2f * dot - queryNorm2 - norms[id];
  }

  /**
   * {@link #score} of four vectors into {@code out[from..from+3]}; each equal bit for bit to {@link
   * #score} of that id.
   */
  void score4(
      float[] weights,
      float constant,
      float queryNorm2,
      int i0,
      int i1,
      int i2,
      int i3,
      float[] out,
      int from) {
    int d = dimension;
    Kernels.IMPL.dot4(weights, 0, codes, i0 * d, i1 * d, i2 * d, i3 * d, d, out, from);
    out[from] = finish(constant + out[from], queryNorm2, i0);
    out[from + 1] = finish(constant + out[from + 1], queryNorm2, i1);
    out[from + 2] = finish(constant + out[from + 2], queryNorm2, i2);
    out[from + 3] = finish(constant + out[from + 3], queryNorm2, i3);
  }

  private float finish(float dot, float queryNorm2, int id) {
    return norms == null ? dot : 2f * dot - queryNorm2 - norms[id];
  }

  /** Bytes held for {@code size} vectors: the codes and the norms. */
  long bytesFor(int size) {
    return (long) size * dimension + (norms == null ? 0 : 4L * size);
  }
}
