package dev.mlsd.core.featurestore;

import java.util.Arrays;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * The embedded feature store: per feature group, a primitive id-to-row hash map and one growing
 * {@code float[]} of rows. The default of the demos and tests; a batch read is a hash lookup and an
 * array copy per id, no allocation.
 *
 * <p>Thread safety: concurrent reads share a read lock per group; writes take its write lock, so a
 * reader sees a row either wholly before or wholly after a write.
 *
 * <p>Book: chapter 1, "Feature store".
 */
public final class InMemoryFeatureStore implements FeatureStore {
  private final ConcurrentHashMap<String, Table> tables = new ConcurrentHashMap<>();
  private final FeatureStoreCounters counters = new FeatureStoreCounters();

  private static final class Table {
    final FeatureSchema schema;
    final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
    final IntIntMap rowOf = new IntIntMap(1024);
    float[] data;
    int rows;

    Table(FeatureSchema schema) {
      this.schema = schema;
      this.data = new float[1024 * schema.dim()];
    }
  }

  @Override
  public void write(FeatureSchema schema, int[] ids, float[] rows, int count) {
    int dim = schema.dim();
    FeatureStore.checkBatch(schema, ids, count, rows, 0, dim);
    Table t = table(schema);
    t.lock.writeLock().lock();
    try {
      for (int i = 0; i < count; i++) {
        int row = t.rowOf.get(ids[i]);
        if (row < 0) {
          row = t.rows++;
          if ((long) t.rows * dim > t.data.length) {
            long grown = Math.max((long) t.rows * dim, (long) t.data.length * 2);
            if (grown > Integer.MAX_VALUE - 16) {
              throw new IllegalStateException("feature group " + schema.key() + " is full");
            }
            t.data = Arrays.copyOf(t.data, (int) grown);
          }
          t.rowOf.put(ids[i], row);
        }
        System.arraycopy(rows, i * dim, t.data, row * dim, dim);
      }
    } finally {
      t.lock.writeLock().unlock();
    }
  }

  @Override
  public int read(
      FeatureSchema schema, int[] ids, int count, float[] out, int outOffset, int outStride) {
    FeatureStore.checkBatch(schema, ids, count, out, outOffset, outStride);
    counters.batches.increment();
    counters.rows.add(count);
    int dim = schema.dim();
    Table t = tables.get(schema.key());
    if (t == null) {
      for (int i = 0; i < count; i++) {
        schema.copyDefaults(out, outOffset + i * outStride);
      }
      counters.missingRows.add(count);
      return 0;
    }
    requireSameSchema(t, schema);
    int found = 0;
    t.lock.readLock().lock();
    try {
      float[] data = t.data;
      for (int i = 0; i < count; i++) {
        int row = t.rowOf.get(ids[i]);
        if (row >= 0) {
          System.arraycopy(data, row * dim, out, outOffset + i * outStride, dim);
          found++;
        } else {
          schema.copyDefaults(out, outOffset + i * outStride);
        }
      }
    } finally {
      t.lock.readLock().unlock();
    }
    if (found < count) {
      counters.missingRows.add(count - found);
    }
    return found;
  }

  /** Rows stored for a feature group. */
  public int size(FeatureSchema schema) {
    Table t = tables.get(schema.key());
    if (t == null) {
      return 0;
    }
    t.lock.readLock().lock();
    try {
      return t.rows;
    } finally {
      t.lock.readLock().unlock();
    }
  }

  @Override
  public FeatureStoreCounters counters() {
    return counters;
  }

  @Override
  public String kind() {
    return "in-memory";
  }

  @Override
  public void close() {}

  private Table table(FeatureSchema schema) {
    Table t = tables.computeIfAbsent(schema.key(), k -> new Table(schema));
    requireSameSchema(t, schema);
    return t;
  }

  private static void requireSameSchema(Table t, FeatureSchema schema) {
    if (t.schema != schema && !t.schema.equals(schema)) {
      throw new IllegalArgumentException(
          "feature group "
              + schema.key()
              + " is stored with another layout ("
              + t.schema
              + "); bump the version to change columns");
    }
  }
}
