package dev.mlsd.core.ann;

/**
 * Maximum inner product search (MIPS) reduced to nearest-neighbour search (Bachrach et al.,
 * "Speeding up the Xbox recommender system using a Euclidean transformation for inner-product
 * spaces", RecSys 2014).
 *
 * <p>Inner product is not a metric: a vector need not be its own nearest neighbour, and a graph
 * index built on raw embeddings of very different norms routes badly (long vectors dominate every
 * neighbour list). The transform appends one component to every indexed vector,
 *
 * <pre>
 * {@code  item x (d values)  ->  (x, sqrt(M^2 - |x|^2))     M = the largest |x| over the items }
 * </pre>
 *
 * so that every indexed vector has norm M, and one 0 to every query, {@code q -> (q, 0)}. Then
 * {@code <(q,0), x'> = <q, x>}: the inner products, hence the ranking, are unchanged, and because
 * all items now have the same norm, {@code |q' - x'|^2 = |q|^2 + M^2 - 2<q, x>} is a decreasing
 * function of the inner product: the largest inner product is the nearest neighbour in L2 (and the
 * largest cosine). An index over the augmented vectors (kept with {@link Similarity#DOT_PRODUCT},
 * or {@link Similarity#EUCLIDEAN}) therefore returns the true MIPS answer as often as its graph
 * finds true neighbours.
 *
 * <p>Units: {@link #maxSquaredNorm()} is {@code M^2}. Squared norms are summed in double from float
 * products; an item whose squared norm rounds above {@code M^2} gets a last component of 0.
 *
 * <p>Thread safety: immutable.
 *
 * <p>Book: chapter 6, "Candidate generation" (two-tower embeddings + ANN); chapter 2, "Approximate
 * nearest neighbor".
 */
public final class MipsTransform {
  private final int dimension;
  private final double maxSquaredNorm;

  private MipsTransform(int dimension, double maxSquaredNorm) {
    this.dimension = dimension;
    this.maxSquaredNorm = maxSquaredNorm;
  }

  /**
   * The transform for a set of item vectors.
   *
   * @param vectors the items, row-major, {@code dimension} values each
   * @param dimension the items' length, at least 1
   * @throws IllegalArgumentException if the length is not a multiple of {@code dimension}, or a
   *     value is not finite
   */
  public static MipsTransform fit(float[] vectors, int dimension) {
    if (dimension < 1) {
      throw new IllegalArgumentException("dimension must be >= 1, got " + dimension);
    }
    if (vectors.length % dimension != 0) {
      throw new IllegalArgumentException(
          vectors.length + " values are not whole vectors of length " + dimension);
    }
    double max = 0;
    for (int off = 0; off < vectors.length; off += dimension) {
      double s = squaredNorm(vectors, off, dimension);
      if (!Double.isFinite(s)) {
        throw new IllegalArgumentException("item " + off / dimension + " has a non-finite value");
      }
      max = Math.max(max, s);
    }
    return new MipsTransform(dimension, max);
  }

  /** The original vectors' length, d. */
  public int dimension() {
    return dimension;
  }

  /** The length of transformed vectors (items and queries): d + 1. */
  public int indexDimension() {
    return dimension + 1;
  }

  /** M^2, the largest squared norm of the items it was fitted on. */
  public double maxSquaredNorm() {
    return maxSquaredNorm;
  }

  /**
   * Writes an item's transformed vector: its d values, then {@code sqrt(M^2 - |x|^2)}.
   *
   * @param items row-major item vectors
   * @param offset where this item starts
   * @param out receives {@link #indexDimension()} values from index 0
   */
  public void itemInto(float[] items, int offset, float[] out) {
    System.arraycopy(items, offset, out, 0, dimension);
    out[dimension] =
        (float) Math.sqrt(Math.max(0, maxSquaredNorm - squaredNorm(items, offset, dimension)));
  }

  /**
   * Writes a query's transformed vector: its d values, then 0. Allocation-free.
   *
   * @param query the query, at least d values (the first d are used)
   * @param out receives {@link #indexDimension()} values from index 0
   */
  public void queryInto(float[] query, float[] out) {
    System.arraycopy(query, 0, out, 0, dimension);
    out[dimension] = 0f;
  }

  /**
   * An HNSW index over the transformed items, ids = item rows in order, scored by inner product
   * (equal to the original inner product for a transformed query).
   *
   * @param items row-major item vectors, {@link #dimension()} values each
   * @param params graph shape and seed
   */
  public HnswIndex buildHnsw(float[] items, HnswBuildParams params) {
    int n = items.length / dimension;
    HnswIndex index = new HnswIndex(dimension + 1, Similarity.DOT_PRODUCT, params, Math.max(1, n));
    float[] v = new float[dimension + 1];
    for (int i = 0; i < n; i++) {
      itemInto(items, i * dimension, v);
      index.add(v);
    }
    return index;
  }

  private static double squaredNorm(float[] v, int off, int dim) {
    double s = 0;
    for (int j = 0; j < dim; j++) {
      s += v[off + j] * v[off + j];
    }
    return s;
  }
}
