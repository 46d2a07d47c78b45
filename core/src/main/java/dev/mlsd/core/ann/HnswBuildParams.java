package dev.mlsd.core.ann;

/**
 * What shapes an HNSW graph when it is built; fixed for the life of the index (the query-time knob
 * is {@link SearchParams}).
 *
 * <p>Trade-offs:
 *
 * <ul>
 *   <li>{@code m}: links per node on the upper layers; layer 0 keeps up to {@code 2m}. Larger m
 *       gives higher recall at a given ef, especially on high intrinsic dimension (random vectors),
 *       at the cost of memory ({@code 8m} bytes per node for layer 0) and slower build and search
 *       per visited node. 12-48 is the useful range; 16 is the common default (Lucene, hnswlib).
 *   <li>{@code efConstruction}: the beam width used while inserting. Larger finds better neighbours
 *       and raises the recall ceiling, and build time grows roughly linearly with it; search time
 *       does not change. 100-400 is typical; beyond the point where recall saturates it only costs
 *       build time.
 *   <li>{@code seed}: decides each node's level (with the insertion order). Same vectors, same
 *       order, same seed and one builder thread give the same graph, bit for bit.
 * </ul>
 *
 * @param m links per node on the upper layers, 2..512
 * @param efConstruction build-time beam width, at least 1
 * @param seed seed of the level assignment
 */
public record HnswBuildParams(int m, int efConstruction, long seed) {
  /** Lucene's and hnswlib's defaults: m 16, efConstruction 100, seed 42. */
  public static final HnswBuildParams DEFAULT = new HnswBuildParams(16, 100, 42L);

  /** Validates the parameters. */
  public HnswBuildParams {
    if (m < 2 || m > 512) {
      throw new IllegalArgumentException("m must be in 2..512, got " + m);
    }
    if (efConstruction < 1) {
      throw new IllegalArgumentException("efConstruction must be >= 1, got " + efConstruction);
    }
  }

  /** Links kept per node on layer 0: {@code 2m}, as the paper recommends. */
  public int maxLinks0() {
    return 2 * m;
  }
}
