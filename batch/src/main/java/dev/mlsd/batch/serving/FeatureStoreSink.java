package dev.mlsd.batch.serving;

import dev.mlsd.core.featurestore.FeatureSchema;
import dev.mlsd.core.featurestore.FeatureStore;
import dev.mlsd.core.featurestore.RedisFeatureStore;
import java.io.Serializable;
import java.util.Iterator;
import org.apache.spark.api.java.function.ForeachPartitionFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Where a batch job materialises a feature group: the serving side's feature store, named by a URL
 * so that every Spark executor can open its own connection ({@code redis://host:port} for one Redis
 * server, {@code redis-cluster://host:port,host:port} for a Redis Cluster). Each partition writes
 * its rows through core's {@link FeatureStore#write} in chunks, so the keys and the encoding are
 * exactly the ones serving reads.
 *
 * <p>Book: chapter 8, "Serving: data preparation pipeline" (batch features into the feature store);
 * chapter 1, "Feature store".
 *
 * @param url the store's URL
 * @param keyPrefix the key prefix serving reads with ({@code mlsd:fs:} by default)
 */
public record FeatureStoreSink(String url, String keyPrefix) implements Serializable {
  /** Rows per write call. */
  public static final int CHUNK = 2048;

  /** Checks the URL's scheme. */
  public FeatureStoreSink {
    if (url == null
        || !(url.startsWith("redis://")
            || url.startsWith("rediss://")
            || url.startsWith("redis-cluster://"))) {
      throw new IllegalArgumentException(
          "feature store URL must be redis://host:port or redis-cluster://host:port,...; got "
              + url);
    }
  }

  /** Opens the store (one per executor partition; the caller closes it). */
  public FeatureStore open() {
    RedisFeatureStore.Settings s = RedisFeatureStore.Settings.defaults().withKeyPrefix(keyPrefix);
    if (url.startsWith("redis-cluster://")) {
      return RedisFeatureStore.cluster(url.substring("redis-cluster://".length()), s);
    }
    return new RedisFeatureStore(url, s);
  }

  /**
   * Writes every row of {@code rows} (an int {@code id} column, then {@code schema.dim()} float
   * columns in schema order) to the store, partition by partition.
   *
   * @return rows written
   */
  public long materialise(Dataset<Row> rows, FeatureSchema schema) {
    FeatureStoreSink sink = this;
    java.util.List<String> names = schema.featureNames();
    float[] defaults = schema.defaults();
    int version = schema.version();
    String name = schema.name();
    org.apache.spark.util.LongAccumulator written =
        rows.sparkSession().sparkContext().longAccumulator("feature rows written");
    rows.foreachPartition(
        (ForeachPartitionFunction<Row>)
            it ->
                written.add(
                    sink.writePartition(new FeatureSchema(name, version, names, defaults), it)));
    return written.value();
  }

  private long writePartition(FeatureSchema schema, Iterator<Row> it) {
    int dim = schema.dim();
    int[] ids = new int[CHUNK];
    float[] values = new float[CHUNK * dim];
    long total = 0;
    try (FeatureStore store = open()) {
      int n = 0;
      while (it.hasNext()) {
        Row r = it.next();
        ids[n] = r.getInt(0);
        for (int j = 0; j < dim; j++) {
          values[n * dim + j] = r.getFloat(1 + j);
        }
        if (++n == CHUNK) {
          store.write(schema, ids, values, n);
          total += n;
          n = 0;
        }
      }
      if (n > 0) {
        store.write(schema, ids, values, n);
        total += n;
      }
    }
    return total;
  }
}
