package dev.mlsd.core.featurestore;

/**
 * A key-value store of precomputed features: per {@link FeatureSchema} and int entity id, one row
 * of {@code schema.dim()} floats.
 *
 * <p>Writes come from the offline materialisation job ({@link #write(FeatureSchema, int[], float[],
 * int)}); serving and training both read through {@link #read(FeatureSchema, int[], int, float[],
 * int, int)}, one batch per request, so that both see the same values (no training/serving skew). A
 * read never fails because of the store: a missing entity gets the schema's defaults, and an
 * unavailable or slow store makes the whole batch fall back to defaults; both are counted in {@link
 * #counters()}.
 *
 * <p>Thread safety: every implementation is safe for concurrent reads and writes.
 *
 * <p>Book: chapter 1, "Feature store"; chapter 8, "Serving".
 */
public interface FeatureStore extends AutoCloseable {

  /**
   * Materialises features: stores {@code count} rows, replacing any earlier value.
   *
   * @param schema the feature group
   * @param ids the entity ids, first {@code count} used
   * @param rows row-major values, {@code schema.dim()} per id
   * @param count how many rows
   * @throws IllegalArgumentException if the arrays are too short
   * @throws FeatureStoreException if the store cannot be written
   */
  void write(FeatureSchema schema, int[] ids, float[] rows, int count);

  /** Materialises one row. */
  default void write(FeatureSchema schema, int id, float[] row) {
    write(schema, new int[] {id}, row, 1);
  }

  /**
   * Reads one batch: row {@code i} (of id {@code ids[i]}) goes to {@code out[outOffset + i *
   * outStride ...]}, {@code schema.dim()} floats. Missing ids, and every id when the store is
   * unavailable or slower than its budget, get the schema's defaults.
   *
   * @param schema the feature group
   * @param ids the entity ids, first {@code count} used
   * @param count how many rows, at least 0
   * @param out destination
   * @param outOffset where row 0 starts
   * @param outStride distance between rows, at least {@code schema.dim()}
   * @return how many rows came from the store (the rest are defaults)
   * @throws IllegalArgumentException if the arrays are too short or the stride too small
   */
  int read(FeatureSchema schema, int[] ids, int count, float[] out, int outOffset, int outStride);

  /** Reads one row into a new array (convenience; allocates). */
  default float[] read(FeatureSchema schema, int id) {
    float[] out = new float[schema.dim()];
    read(schema, new int[] {id}, 1, out, 0, schema.dim());
    return out;
  }

  /** What this store did so far. */
  FeatureStoreCounters counters();

  /** A short name for metrics: {@code "in-memory"}, {@code "redis"}. */
  String kind();

  /** Releases connections; reads after closing fall back to defaults or fail as documented. */
  @Override
  void close();

  /** Checks the arguments of a batch read or write. */
  static void checkBatch(
      FeatureSchema schema, int[] ids, int count, float[] values, int offset, int stride) {
    if (schema == null || ids == null || values == null) {
      throw new IllegalArgumentException("schema, ids and values must not be null");
    }
    int dim = schema.dim();
    if (count < 0 || count > ids.length) {
      throw new IllegalArgumentException("count " + count + " outside [0, " + ids.length + "]");
    }
    if (stride < dim) {
      throw new IllegalArgumentException("stride " + stride + " smaller than dim " + dim);
    }
    if (offset < 0
        || (count > 0 && (long) offset + (long) (count - 1) * stride + dim > values.length)) {
      throw new IllegalArgumentException(
          count
              + " rows of "
              + dim
              + " at offset "
              + offset
              + " stride "
              + stride
              + " do not fit in "
              + values.length
              + " floats");
    }
  }
}
