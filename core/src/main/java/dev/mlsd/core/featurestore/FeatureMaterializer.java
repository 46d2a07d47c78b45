package dev.mlsd.core.featurestore;

/**
 * The offline batch job that computes a feature group for every entity and writes it to a feature
 * store (materialisation), in chunks so that memory stays bounded and a remote store gets few round
 * trips.
 *
 * <p>Thread safety: stateless; one job per call.
 *
 * <p>Book: chapter 1, "Feature store" (batch features); chapter 8, "Serving".
 */
public final class FeatureMaterializer {
  /** Rows computed and written per chunk. */
  public static final int CHUNK_ROWS = 4096;

  /** Computes one entity's feature row. */
  @FunctionalInterface
  public interface RowFunction {
    /**
     * @param id the entity id
     * @param out where to write {@code dim} values
     * @param offset the first value's index in {@code out}
     */
    void compute(int id, float[] out, int offset);
  }

  private FeatureMaterializer() {}

  /**
   * Computes and writes the rows of {@code ids} in order.
   *
   * @param store the destination
   * @param schema the feature group
   * @param ids every entity to materialise
   * @param fn the feature computation
   * @return how many rows were written
   */
  public static int materialize(
      FeatureStore store, FeatureSchema schema, int[] ids, RowFunction fn) {
    int dim = schema.dim();
    int chunk = Math.min(CHUNK_ROWS, Math.max(1, ids.length));
    int[] chunkIds = new int[chunk];
    float[] rows = new float[chunk * dim];
    for (int start = 0; start < ids.length; start += chunk) {
      int n = Math.min(chunk, ids.length - start);
      for (int i = 0; i < n; i++) {
        chunkIds[i] = ids[start + i];
        fn.compute(chunkIds[i], rows, i * dim);
      }
      store.write(schema, chunkIds, rows, n);
    }
    return ids.length;
  }
}
