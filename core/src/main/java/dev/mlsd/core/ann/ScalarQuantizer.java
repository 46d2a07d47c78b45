package dev.mlsd.core.ann;

/**
 * Int8 scalar quantization with a per-dimension range, as FAISS's {@code SQ8} does: dimension
 * {@code i} maps {@code [min_i, max_i]} onto 256 evenly spaced levels, {@code x_i ~ min_i + step_i
 * * c_i} with {@code c_i} in 0..255 stored as the signed byte {@code c_i - 128}. Values outside the
 * fitted range (vectors added after fitting) are clamped.
 *
 * <p>Scoring a float query against codes needs no decoding: every similarity reduces to one dot
 * product of a per-query float vector with the signed codes, plus constants ({@link
 * #prepareQuery}):
 *
 * <pre>
 *   q . x  =  sum_i q_i min_i + 128 sum_i q_i step_i + sum_i (q_i step_i) b_i      (b_i = c_i - 128)
 *   -|q - x|^2  =  2 q . x - |q|^2 - |x|^2                  (|x|^2 of the decoded vector, kept per vector)
 * </pre>
 *
 * <p>Immutable once fitted; thread-safe.
 *
 * <p>Book: chapter 2 (visual search), "Approximate nearest neighbor" (product and scalar
 * quantization shrink the vectors an index scans).
 */
final class ScalarQuantizer {
  final int dimension;
  private final float[] min;
  private final float[] step;

  private ScalarQuantizer(float[] min, float[] step) {
    this.dimension = min.length;
    this.min = min;
    this.step = step;
  }

  /**
   * Fits the per-dimension range of the first {@code n} vectors of a contiguous block.
   *
   * @param data vectors, {@code dimension} floats each
   * @param n how many, at least 1
   */
  static ScalarQuantizer fit(float[] data, int n, int dimension) {
    if (n < 1) {
      throw new IllegalArgumentException("quantization needs at least one vector");
    }
    float[] lo = new float[dimension];
    float[] hi = new float[dimension];
    System.arraycopy(data, 0, lo, 0, dimension);
    System.arraycopy(data, 0, hi, 0, dimension);
    for (int v = 1; v < n; v++) {
      widen(lo, hi, data, v * dimension);
    }
    return of(lo, hi);
  }

  /** Fits the per-dimension range of every vector of a store, in the heap or in the mapped file. */
  static ScalarQuantizer fit(VectorStore store) {
    if (store.data != null) {
      return fit(store.data, store.size, store.dimension);
    }
    if (store.size < 1) {
      throw new IllegalArgumentException("quantization needs at least one vector");
    }
    int d = store.dimension;
    float[] lo = new float[d];
    float[] hi = new float[d];
    float[] row = new float[d];
    store.copyVector(0, lo);
    store.copyVector(0, hi);
    for (int v = 1; v < store.size; v++) {
      store.copyVector(v, row);
      widen(lo, hi, row, 0);
    }
    return of(lo, hi);
  }

  private static void widen(float[] lo, float[] hi, float[] v, int off) {
    for (int i = 0; i < lo.length; i++) {
      float x = v[off + i];
      lo[i] = Math.min(lo[i], x);
      hi[i] = Math.max(hi[i], x);
    }
  }

  private static ScalarQuantizer of(float[] lo, float[] hi) {
    int dimension = lo.length;
    float[] step = new float[dimension];
    for (int i = 0; i < dimension; i++) {
      step[i] = (hi[i] - lo[i]) / 255f;
    }
    return new ScalarQuantizer(lo, step);
  }

  /**
   * Writes the codes of one vector and returns the squared norm of its decoded form.
   *
   * @param v the source block and offset of the vector
   * @param codes the destination, {@code dimension} bytes at {@code codeOff}
   */
  float encode(float[] v, int vOff, byte[] codes, int codeOff) {
    float norm2 = 0f;
    for (int i = 0; i < dimension; i++) {
      int c = 0;
      if (step[i] > 0f) {
        c = Math.round((v[vOff + i] - min[i]) / step[i]);
        c = Math.max(0, Math.min(255, c));
      }
      codes[codeOff + i] = (byte) (c - 128);
      float x = min[i] + step[i] * c;
      norm2 += x * x;
    }
    return norm2;
  }

  /**
   * Prepares a (normalised, under cosine) query: writes {@code q_i * step_i} into {@code weights}
   * and returns the constant part of {@code q . x}, so that {@code q . x = constant + weights . b}.
   */
  float prepareQuery(float[] q, float[] weights) {
    double constant = 0;
    for (int i = 0; i < dimension; i++) {
      weights[i] = q[i] * step[i];
      constant += (double) q[i] * min[i] + 128.0 * weights[i];
    }
    return (float) constant;
  }

  /** The decoded value of a code (for tests): {@code min_i + step_i * (b + 128)}. */
  float decode(int i, byte b) {
    return min[i] + step[i] * (b + 128);
  }
}
