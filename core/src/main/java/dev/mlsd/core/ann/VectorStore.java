package dev.mlsd.core.ann;

import java.lang.foreign.MemorySegment;
import java.util.Arrays;

/**
 * Every vector of an index in one contiguous {@code float[]} (vector {@code id} at offset {@code id
 * * dimension}), plus the soft-delete bits. One block means one bulk read on load and sequential
 * memory for the kernels.
 *
 * <p>Or, read-only, the same block left in the mapped index file ({@link #mapped}, {@link
 * HnswIndex#loadQuantized}): then {@link #data} is null, the vectors stay off the heap in the
 * operating system's page cache, and only {@link #score(float[], int)}, {@link #scan} and {@link
 * #vector} read them (the exact re-score and the exact fallback of a quantized search).
 *
 * <p>Not thread-safe: the owning index guards it with its read-write lock.
 */
final class VectorStore {
  /** A good length for {@link #scan}'s id scratch: one word of a bit set. */
  static final int SCAN_BATCH = 64;

  final int dimension;
  final Similarity similarity;
  float[] data; // null when the vectors are mapped
  final MemorySegment mapped; // the vectors in the index file (little-endian floats), or null
  int size;
  long[] deleted;
  int deletedCount;

  VectorStore(int dimension, Similarity similarity, int initialCapacity) {
    if (dimension < 1) {
      throw new IllegalArgumentException("dimension must be >= 1, got " + dimension);
    }
    if (similarity == null) {
      throw new IllegalArgumentException("similarity must not be null");
    }
    this.dimension = dimension;
    this.similarity = similarity;
    int cap = Math.max(16, initialCapacity);
    this.data = new float[Math.multiplyExact(cap, dimension)];
    this.deleted = new long[(cap + 63) >>> 6];
    this.mapped = null;
  }

  /** Rebuilds a store from loaded arrays (already normalised under cosine). */
  VectorStore(int dimension, Similarity similarity, float[] data, int size, long[] deleted) {
    this(dimension, similarity, data, null, size, deleted);
  }

  /**
   * A read-only store over vectors left in a mapped file: {@code size * dimension} little-endian
   * floats ({@link VectorKernels#FILE_FLOAT}), already normalised under cosine.
   */
  VectorStore(
      int dimension, Similarity similarity, MemorySegment mapped, int size, long[] deleted) {
    this(dimension, similarity, null, mapped, size, deleted);
  }

  private VectorStore(
      int dimension,
      Similarity similarity,
      float[] data,
      MemorySegment mapped,
      int size,
      long[] deleted) {
    this.dimension = dimension;
    this.similarity = similarity;
    this.data = data;
    this.mapped = mapped;
    this.size = size;
    this.deleted = deleted;
    int count = 0;
    for (long w : deleted) {
      count += Long.bitCount(w);
    }
    this.deletedCount = count;
  }

  int capacity() {
    return data == null ? size : data.length / dimension;
  }

  /** Whether the vectors are left in the mapped file (then the store is read-only). */
  boolean isMapped() {
    return mapped != null;
  }

  /** Appends a vector (checked, copied, normalised under cosine) and returns its id. */
  int add(float[] vector) {
    if (mapped != null) {
      throw new IllegalStateException(
          "this index was loaded with loadQuantized: its float vectors stay in the mapped file,"
              + " read-only; load it with HnswIndex.load to add vectors");
    }
    checkVector(vector, "vector");
    if (size == capacity()) {
      int cap = Math.max(16, capacity() + (capacity() >> 1));
      data = Arrays.copyOf(data, Math.multiplyExact(cap, dimension));
      deleted = Arrays.copyOf(deleted, (cap + 63) >>> 6);
    }
    int id = size;
    if (similarity.normalises()) {
      Similarity.normaliseInto(vector, data, id * dimension);
    } else {
      System.arraycopy(vector, 0, data, id * dimension, dimension);
    }
    size++;
    return id;
  }

  /** Checks a vector's length and values. */
  void checkVector(float[] vector, String what) {
    if (vector == null) {
      throw new IllegalArgumentException(what + " must not be null");
    }
    if (vector.length != dimension) {
      throw new IllegalArgumentException(
          what + " has length " + vector.length + ", the index has dimension " + dimension);
    }
    for (float x : vector) {
      if (!Float.isFinite(x)) {
        throw new IllegalArgumentException(what + " has a non-finite value: " + x);
      }
    }
  }

  /**
   * Copies a query into {@code out}, checked and normalised under cosine, ready for the kernels.
   */
  void prepareQuery(float[] query, float[] out) {
    checkVector(query, "query");
    if (similarity.normalises()) {
      Similarity.normaliseInto(query, out, 0);
    } else {
      System.arraycopy(query, 0, out, 0, dimension);
    }
  }

  void checkId(int id) {
    if (id < 0 || id >= size) {
      throw new IllegalArgumentException("no vector with id " + id + " (size " + size + ")");
    }
  }

  boolean isDeleted(int id) {
    return (deleted[id >>> 6] & (1L << id)) != 0;
  }

  boolean delete(int id) {
    checkId(id);
    if (isDeleted(id)) {
      return false;
    }
    deleted[id >>> 6] |= 1L << id;
    deletedCount++;
    return true;
  }

  int liveCount() {
    return size - deletedCount;
  }

  /** The score between a prepared query and a stored vector (in the heap or in the file). */
  float score(float[] query, int id) {
    return mapped == null
        ? similarity.score(query, 0, data, id * dimension, dimension)
        : scoreMapped(query, 0, id);
  }

  /** The score of a prepared query ({@code qa} from {@code qo}) against a vector in the file. */
  private float scoreMapped(float[] qa, int qo, int id) {
    long off = 4L * id * dimension;
    return similarity == Similarity.EUCLIDEAN
        ? -Kernels.IMPL.squareDistance(qa, qo, mapped, off, dimension)
        : Kernels.IMPL.dot(qa, qo, mapped, off, dimension);
  }

  /** Copies vector {@code id} into {@code out[0..dimension)}, from the heap or the file. */
  void copyVector(int id, float[] out) {
    copyVector(id, out, 0);
  }

  /** Copies vector {@code id} into {@code out[at..at+dimension)}, from the heap or the file. */
  void copyVector(int id, float[] out, int at) {
    if (mapped == null) {
      System.arraycopy(data, id * dimension, out, at, dimension);
    } else {
      MemorySegment.copy(mapped, VectorKernels.FILE_FLOAT, 4L * id * dimension, out, at, dimension);
    }
  }

  /** The score between two stored vectors. */
  float score(int a, int b) {
    return similarity.score(data, a * dimension, data, b * dimension, dimension);
  }

  /**
   * The scores of stored vector {@code a} against four stored vectors, into {@code
   * out[off..off+3]}; each equal bit for bit to {@link #score(int, int)} of that pair in the same
   * compiled state.
   */
  void score4(int a, int b0, int b1, int b2, int b3, float[] out, int off) {
    int d = dimension;
    score4(data, a * d, data, b0 * d, b1 * d, b2 * d, b3 * d, out, off);
  }

  /** A copy of a stored vector (normalised under cosine). */
  float[] vector(int id) {
    checkId(id);
    float[] out = new float[dimension];
    copyVector(id, out);
    return out;
  }

  /**
   * The scores of a prepared query ({@code qa} from offset {@code qo}) against the first {@code nb}
   * of {@code ids}, into {@code out} (at least {@code nb + 3} long), four vectors per kernel call,
   * so that four vectors' memory reads overlap (a last group of two or three is padded with its
   * last id; a lone last vector is scored alone). From a mapped file the four vectors are first
   * copied to {@code rows}: a bulk copy issues a vector's reads back to back, and the array kernel
   * then scores them from cache. Each score equals {@link #score(float[], int)}'s bit for bit in
   * the same compiled state.
   *
   * @param rows scratch of at least {@code 4 * dimension} floats when the vectors are mapped; may
   *     be null when they are on the heap
   */
  void scoreInto(float[] qa, int qo, int[] ids, int nb, float[] out, float[] rows) {
    int d = dimension;
    int i = 0;
    for (; i + 1 < nb; i += 4) {
      int last = nb - 1;
      int i0 = ids[i];
      int i1 = ids[i + 1];
      int i2 = ids[Math.min(i + 2, last)];
      int i3 = ids[Math.min(i + 3, last)];
      if (mapped == null) {
        score4(qa, qo, data, i0 * d, i1 * d, i2 * d, i3 * d, out, i);
      } else {
        copyVector(i0, rows, 0);
        copyVector(i1, rows, d);
        copyVector(i2, rows, 2 * d);
        copyVector(i3, rows, 3 * d);
        score4(qa, qo, rows, 0, d, 2 * d, 3 * d, out, i);
      }
    }
    if (i < nb) {
      out[i] =
          mapped == null
              ? similarity.score(qa, qo, data, ids[i] * d, d)
              : scoreMapped(qa, qo, ids[i]);
    }
  }

  /** Four scores of {@code qa} against vectors of {@code block} at the given offsets. */
  private void score4(
      float[] qa, int qo, float[] block, int o0, int o1, int o2, int o3, float[] out, int i) {
    int d = dimension;
    if (similarity == Similarity.EUCLIDEAN) {
      Kernels.IMPL.squareDistance4(qa, qo, block, o0, o1, o2, o3, d, out, i);
      out[i] = -out[i];
      out[i + 1] = -out[i + 1];
      out[i + 2] = -out[i + 2];
      out[i + 3] = -out[i + 3];
    } else {
      Kernels.IMPL.dot4(qa, qo, block, o0, o1, o2, o3, d, out, i);
    }
  }

  /**
   * Exhaustive scan: pushes every live vector passing the filter into the collector. The exact twin
   * of every graph search, and its fallback under selective filters.
   *
   * <p>With an {@link IdBitSet} filter only the ids in the set are visited: the scan walks its
   * words (64 ids each, the deleted ones masked out) and scores the set bits a batch at a time
   * ({@link #scoreInto}), so its cost is the number of accepted ids, not the size of the index. Any
   * other filter is called on every live id.
   *
   * @param ids scratch for a batch of accepted ids, at least 4 long
   * @param scores scratch for their scores, at least {@code ids.length + 3} long
   * @param rows scratch for {@link #scoreInto}: {@code 4 * dimension} floats, or null on the heap
   * @return how many ids it examined: the accepted live ones for an {@link IdBitSet}, else every id
   */
  int scan(
      float[] query,
      java.util.function.IntPredicate filter,
      TopKCollector results,
      int[] ids,
      float[] scores,
      float[] rows) {
    if (filter instanceof IdBitSet accepted) {
      return scanAccepted(query, accepted, results, ids, scores, rows);
    }
    boolean anyDeleted = deletedCount > 0;
    for (int id = 0; id < size; id++) {
      if (anyDeleted && isDeleted(id)) {
        continue;
      }
      if (filter != null && !filter.test(id)) {
        continue;
      }
      results.collect(id, score(query, id));
    }
    return size;
  }

  /** {@link #scan} over the ids of a bit set: word by word, set bits only. */
  private int scanAccepted(
      float[] query,
      IdBitSet accepted,
      TopKCollector results,
      int[] ids,
      float[] scores,
      float[] rows) {
    int n = Math.min(size, accepted.size());
    int wordCount = (n + 63) >>> 6;
    long[] words = accepted.words;
    int batch = ids.length;
    int nb = 0;
    int scanned = 0;
    for (int w = 0; w < wordCount; w++) {
      long bits = words[w] & ~deleted[w];
      if (w == wordCount - 1 && (n & 63) != 0) {
        bits &= (1L << n) - 1; // ids at or past the index's size
      }
      while (bits != 0) {
        ids[nb++] = (w << 6) + Long.numberOfTrailingZeros(bits);
        bits &= bits - 1;
        if (nb == batch) {
          collect(query, ids, nb, scores, rows, results);
          scanned += nb;
          nb = 0;
        }
      }
    }
    collect(query, ids, nb, scores, rows, results);
    return scanned + nb;
  }

  private void collect(
      float[] query, int[] ids, int nb, float[] scores, float[] rows, TopKCollector results) {
    scoreInto(query, 0, ids, nb, scores, rows);
    for (int i = 0; i < nb; i++) {
      results.collect(ids[i], scores[i]);
    }
  }
}
