package dev.mlsd.core.ann;

/**
 * How two vectors are compared. Every index reports a <em>score</em> where higher means more
 * similar, so that one top-k collector serves all three metrics.
 *
 * <ul>
 *   <li>{@link #COSINE}: vectors are normalised to unit length when they are added (and queries
 *       when they are searched), after which cosine is a dot product. The score is the cosine, in
 *       [-1, 1]. A zero vector has no direction and is refused.
 *   <li>{@link #DOT_PRODUCT}: the raw inner product, for embeddings trained with it (two-tower
 *       retrieval). Not a metric: a vector need not be its own nearest neighbour.
 *   <li>{@link #EUCLIDEAN}: the score is minus the squared L2 distance (monotone in the distance,
 *       and no square root on the hot path).
 * </ul>
 */
public enum Similarity {
  /** Cosine similarity, computed as a dot product of unit vectors. */
  COSINE,
  /** Inner product. */
  DOT_PRODUCT,
  /** Negative squared Euclidean distance. */
  EUCLIDEAN;

  /** Whether vectors are scaled to unit length on the way in. */
  public boolean normalises() {
    return this == COSINE;
  }

  /**
   * Scores two vector slices with the kernels in use ({@link VectorKernels#best()}).
   *
   * @return the score, higher is more similar
   */
  public float score(float[] a, int aOff, float[] b, int bOff, int dim) {
    return this == EUCLIDEAN
        ? -Kernels.IMPL.squareDistance(a, aOff, b, bOff, dim)
        : Kernels.IMPL.dot(a, aOff, b, bOff, dim);
  }

  /**
   * Scores two whole vectors of the same length.
   *
   * @return the score, higher is more similar
   */
  public float score(float[] a, float[] b) {
    if (a.length != b.length) {
      throw new IllegalArgumentException(
          "vectors of different lengths: " + a.length + " and " + b.length);
    }
    float[] x = a;
    float[] y = b;
    if (normalises()) {
      x = normalisedCopy(a);
      y = normalisedCopy(b);
    }
    return score(x, 0, y, 0, a.length);
  }

  /**
   * Writes {@code v / |v|} into {@code out}.
   *
   * @throws IllegalArgumentException if {@code v} is zero or not finite
   */
  static void normaliseInto(float[] v, float[] out, int outOff) {
    float norm2 = Kernels.IMPL.dot(v, 0, v, 0, v.length);
    if (!(norm2 > 0f) || !Float.isFinite(norm2)) {
      throw new IllegalArgumentException(
          "cosine needs a non-zero finite vector, its squared norm is " + norm2);
    }
    float inv = (float) (1.0 / Math.sqrt(norm2));
    for (int i = 0; i < v.length; i++) {
      out[outOff + i] = v[i] * inv;
    }
  }

  private static float[] normalisedCopy(float[] v) {
    float[] out = new float[v.length];
    normaliseInto(v, out, 0);
    return out;
  }
}
