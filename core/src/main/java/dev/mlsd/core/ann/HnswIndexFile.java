package dev.mlsd.core.ann;

import dev.mlsd.core.io.ArtifactFile;
import dev.mlsd.core.io.CorruptArtifactException;
import dev.mlsd.core.io.MappedPayload;
import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.nio.file.Path;
import java.util.Locale;

/**
 * The on-disk layout of an {@link HnswIndex}, inside an {@link ArtifactFile} container (which adds
 * the magic, the versions and the CRC32C of every byte).
 *
 * <p>Payload, kind {@value #KIND} version {@value #VERSION}, little-endian:
 *
 * <pre>
 *   int32  dimension, similarity (ordinal of COSINE, DOT_PRODUCT, EUCLIDEAN), m, efConstruction
 *   int64  seed
 *   int32  size, entryPoint (-1 when empty), maxLevel (-1 when empty), upperInts
 *   float32[size * dimension]   the vectors, one contiguous block (unit length under cosine)
 *   int32[size * (2m + 1)]      layer-0 links: per node, the count then 2m slots
 *   int32[upperInts]            upper-layer links of every node of level > 0, in id order,
 *                               level * (m + 1) ints each (count then m slots per layer)
 *   int64[(size + 63) / 64]     soft-delete bits
 *   int8[size]                  each node's level
 * </pre>
 *
 * <p>Files over 2 GiB (a million 784-d vectors is 3.1 GB) are written as a stream and mapped back
 * in segments of 1 GiB ({@link ArtifactFile#readMapped}); a vector or a link list may straddle two
 * segments. The limit is then the JVM's: the vectors and the layer-0 links are each one array of
 * fewer than 2^31 elements (2.7 million 784-d vectors).
 *
 * <p>{@link HnswIndex#loadQuantized} leaves the float block in the mapped file instead of copying
 * it (the same checks apply, every float included).
 *
 * <p>Every count and size is checked against its bound and against the payload's length before
 * anything is allocated. Loading is three bulk copies (floats, layer-0 ints, upper ints), then one
 * pass that checks every link count and id, so that a file with a valid checksum but an
 * inconsistent graph is refused too. The JSON header repeats the parameters for people and tools;
 * the payload is authoritative.
 */
final class HnswIndexFile {
  static final String KIND = "hnsw-index";
  static final int VERSION = 1;
  private static final int FIXED_BYTES = 4 * 4 + 8 + 4 * 4;

  /** The most elements of one Java array (the JVM's limit, with its usual headroom). */
  private static final long MAX_ARRAY = Integer.MAX_VALUE - 8;

  /** The widest vector a file may hold; checked before anything is allocated. */
  static final int MAX_DIMENSION = 1 << 16;

  private HnswIndexFile() {}

  static void write(HnswIndex index, Path file) throws IOException {
    VectorStore store = index.store;
    HnswGraph graph = index.graph;
    HnswBuildParams p = index.params;
    int size = store.size;
    int upperCount = 0;
    for (int i = 0; i < size; i++) {
      if (graph.upper[i] != null) {
        upperCount += graph.upper[i].length;
      }
    }
    int upperInts = upperCount;
    long bytes =
        FIXED_BYTES
            + 4L * size * store.dimension
            + 4L * size * graph.stride0
            + 4L * upperInts
            + 8L * ((size + 63) >>> 6)
            + size;
    String header =
        String.format(
            Locale.ROOT,
            "{\"similarity\":\"%s\",\"dimension\":%d,\"m\":%d,\"efConstruction\":%d,"
                + "\"seed\":%d,\"size\":%d,\"live\":%d,\"maxLevel\":%d}",
            store.similarity,
            store.dimension,
            p.m(),
            p.efConstruction(),
            p.seed(),
            size,
            store.liveCount(),
            graph.maxLevel);
    ArtifactFile.write(
        file,
        KIND,
        VERSION,
        header,
        bytes,
        out -> {
          out.putInt(store.dimension).putInt(store.similarity.ordinal()).putInt(p.m());
          out.putInt(p.efConstruction()).putLong(p.seed());
          out.putInt(size).putInt(graph.entryPoint).putInt(graph.maxLevel).putInt(upperInts);
          if (store.data != null) {
            out.putFloats(store.data, 0, size * store.dimension);
          } else {
            float[] row = new float[store.dimension];
            for (int id = 0; id < size; id++) {
              store.copyVector(id, row);
              out.putFloats(row, 0, row.length);
            }
          }
          if (graph.links0 != null) {
            out.putInts(graph.links0, 0, size * graph.stride0);
          } else {
            int[] row = new int[graph.stride0]; // loadQuantized: the links beside the codes
            for (int id = 0; id < size; id++) {
              index.quantized.links(id, row);
              java.util.Arrays.fill(row, 1 + row[0], row.length, 0);
              out.putInts(row, 0, row.length);
            }
          }
          for (int i = 0; i < size; i++) {
            int[] up = graph.upper[i];
            if (up != null) {
              out.putInts(up, 0, up.length);
            }
          }
          out.putLongs(store.deleted, 0, (size + 63) >>> 6);
          out.putBytes(graph.levels, 0, size);
        });
  }

  static HnswIndex read(Path file) throws IOException {
    return read(file, ArtifactFile.DEFAULT_SEGMENT_BYTES, false);
  }

  /**
   * Reads with the payload mapped in segments of {@code segmentBytes} (small ones in tests).
   *
   * @param mapVectors leave the float vectors in the mapped file ({@link VectorStore#mapped})
   *     instead of copying them to the heap; the graph and the delete bits are copied either way
   */
  static HnswIndex read(Path file, int segmentBytes, boolean mapVectors) throws IOException {
    MappedPayload buf = ArtifactFile.readMapped(file, KIND, VERSION, segmentBytes).payload();
    check(file, buf.remaining() >= FIXED_BYTES, "payload shorter than its fixed fields");
    int dim = buf.getInt();
    int simOrdinal = buf.getInt();
    int m = buf.getInt();
    int efConstruction = buf.getInt();
    long seed = buf.getLong();
    int size = buf.getInt();
    int entry = buf.getInt();
    int maxLevel = buf.getInt();
    int upperInts = buf.getInt();
    check(file, dim >= 1 && dim <= MAX_DIMENSION, "dimension " + dim);
    check(
        file,
        simOrdinal >= 0 && simOrdinal < Similarity.values().length,
        "similarity " + simOrdinal);
    check(file, m >= 2 && m <= 512 && efConstruction >= 1, "m " + m + ", ef " + efConstruction);
    check(file, size >= 0 && upperInts >= 0, "size " + size + ", upper " + upperInts);
    check(
        file,
        entry >= -1
            && entry < Math.max(size, 1)
            && maxLevel >= -1
            && maxLevel <= HnswGraph.MAX_LEVEL,
        "entry point " + entry + ", maxLevel " + maxLevel);
    HnswBuildParams params = new HnswBuildParams(m, efConstruction, seed);
    int stride0 = 2 * m + 1;
    int words = (size + 63) >>> 6;
    long expected =
        FIXED_BYTES + 4L * size * dim + 4L * size * stride0 + 4L * upperInts + 8L * words + size;
    check(
        file,
        expected == buf.length(),
        "payload has " + buf.length() + " bytes, its fields say " + expected);
    // the arrays are Java arrays: each must have fewer than 2^31 elements
    // the arrays are Java arrays: each must have fewer than 2^31 elements (mapped vectors are not
    // an array, but their int8 codes will be)
    check(
        file,
        (long) Math.max(16, size) * dim <= MAX_ARRAY
            && (long) Math.max(16, size) * stride0 <= MAX_ARRAY,
        size + " vectors of dimension " + dim + " exceed one array");

    float[] data = null;
    MemorySegment vectors = null;
    if (mapVectors) {
      vectors = buf.slice(buf.position(), 4L * size * dim);
      buf.skip(4L * size * dim);
    } else {
      data = new float[Math.max(16, size) * dim];
      buf.getFloats(data, 0, size * dim);
    }
    int[] links0 = new int[Math.max(16, size) * stride0];
    buf.getInts(links0, 0, size * stride0);
    int[] upperFlat = new int[upperInts];
    buf.getInts(upperFlat, 0, upperInts);
    long[] deleted = new long[Math.max(1, words)];
    buf.getLongs(deleted, 0, words);
    byte[] levels = new byte[Math.max(16, size)];
    buf.getBytes(levels, 0, size);

    // structure: levels, upper blocks, entry point, every count and every id
    int[][] upper = new int[levels.length][];
    int pos = 0;
    int top = -1;
    for (int i = 0; i < size; i++) {
      int level = levels[i];
      check(file, level >= 0 && level <= HnswGraph.MAX_LEVEL, "node " + i + " level " + level);
      top = Math.max(top, level);
      if (level > 0) {
        int len = level * (m + 1);
        check(file, pos + len <= upperInts, "upper links shorter than the levels say");
        upper[i] = java.util.Arrays.copyOfRange(upperFlat, pos, pos + len);
        pos += len;
        for (int l = 1; l <= level; l++) {
          checkLinks(file, upper[i], (l - 1) * (m + 1), m, i, size);
        }
      }
      checkLinks(file, links0, i * stride0, 2 * m, i, size);
    }
    check(file, pos == upperInts, "upper links longer than the levels say");
    check(file, maxLevel == top, "maxLevel " + maxLevel + ", nodes reach " + top);
    check(
        file,
        size == 0 ? entry == -1 : entry >= 0 && entry < size && levels[entry] == maxLevel,
        "entry point " + entry);
    for (int i = 0, n = size * dim; i < n; i++) {
      float x = data != null ? data[i] : vectors.get(VectorKernels.FILE_FLOAT, 4L * i);
      if (!Float.isFinite(x)) {
        check(file, false, "vector " + (i / dim) + " is not finite");
      }
    }
    if (size % 64 != 0 && words > 0) {
      check(file, (deleted[words - 1] >>> (size % 64)) == 0, "delete bits past the last id");
    }
    Similarity similarity = Similarity.values()[simOrdinal];
    VectorStore store =
        mapVectors
            ? new VectorStore(dim, similarity, vectors, size, deleted)
            : new VectorStore(dim, similarity, data, size, deleted);
    HnswGraph graph = new HnswGraph(m, size, links0, upper, levels, entry, maxLevel);
    return new HnswIndex(store, graph, params);
  }

  private static void checkLinks(Path file, int[] a, int off, int max, int node, int size)
      throws CorruptArtifactException {
    int count = a[off];
    check(file, count >= 0 && count <= max, "node " + node + " has " + count + " links");
    for (int j = off + 1; j <= off + count; j++) {
      int n = a[j];
      check(file, n >= 0 && n < size && n != node, "node " + node + " links to " + n);
    }
  }

  private static void check(Path file, boolean ok, String what) throws CorruptArtifactException {
    if (!ok) {
      throw new CorruptArtifactException(file, "inconsistent hnsw-index: " + what);
    }
  }
}
