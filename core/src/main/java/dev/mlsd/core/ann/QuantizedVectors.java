package dev.mlsd.core.ann;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * The int8 codes of every vector of an index ({@link ScalarQuantizer}), each stored beside the
 * node's layer-0 links: what a graph search on codes reads, in one place per node.
 *
 * <p>Layout: one {@code byte[]}, a slot of {@link #stride} bytes per node at {@code id * stride}:
 *
 * <pre>
 *   int8[dimension]     the codes, padded to a multiple of 4 bytes
 *   float32             the squared norm of the decoded vector (Euclidean distance only)
 *   int32               the node's layer-0 link count, then int32[2m] the link slots
 * </pre>
 *
 * (ints and floats in the platform's byte order: the block lives in memory only, never in a file.)
 * A search scores a node's codes, and expands the best scored nodes next: with the links right
 * behind the codes, the same run of cache lines (and the same memory page) holds both, so the
 * expansion finds the links already read or on their way, where a separate link array costs one
 * more random memory access per expanded node (the authors' hnswlib stores each node's links beside
 * its vector for the same reason). The graph's own link arrays stay the authority (the builder
 * writes them); the copy here is refreshed after every insertion ({@link #copyLinks}).
 *
 * <p>Size: {@code dimension} (rounded up to 4) + 4 (Euclidean) + {@code 4 (2m + 1)} bytes per
 * vector; at d 784 and m 16 that is 920 bytes against 3,136 for the float vector. One array, so
 * {@code size * stride} must stay under 2^31 (2.3 million vectors at d 784).
 *
 * <p>Not thread-safe: the owning {@link HnswIndex} guards it with its read-write lock.
 */
final class QuantizedVectors {
  private static final VarHandle INT =
      MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.nativeOrder());
  private static final VarHandle FLOAT =
      MethodHandles.byteArrayViewVarHandle(float[].class, ByteOrder.nativeOrder());

  final ScalarQuantizer quantizer;
  final Similarity similarity;
  private final int dimension;

  /** Bytes per node. */
  final int stride;

  private final int normOffset; // within a slot; Euclidean only

  /** Where a node's link count sits within its slot; the link ids follow it. */
  final int linksOffset;

  private final int maxLinks;
  private final boolean euclidean;
  byte[] block;

  private final float[] row; // a mapped vector being encoded

  private QuantizedVectors(
      ScalarQuantizer quantizer, Similarity similarity, int maxLinks, int capacity) {
    this.quantizer = quantizer;
    this.similarity = similarity;
    this.dimension = quantizer.dimension;
    this.euclidean = similarity == Similarity.EUCLIDEAN;
    this.maxLinks = maxLinks;
    this.normOffset = (dimension + 3) & ~3;
    this.linksOffset = normOffset + (euclidean ? 4 : 0);
    this.stride = linksOffset + 4 * (1 + maxLinks);
    this.row = new float[dimension];
    this.block = new byte[Math.multiplyExact(capacity, stride)];
  }

  /**
   * Fits the quantizer on every vector of the store (heap or mapped), encodes them all and copies
   * their layer-0 links from the graph.
   */
  static QuantizedVectors of(VectorStore store, HnswGraph graph) {
    ScalarQuantizer q = ScalarQuantizer.fit(store);
    QuantizedVectors out =
        new QuantizedVectors(q, store.similarity, graph.m0, Math.max(16, store.capacity()));
    for (int id = 0; id < store.size; id++) {
      out.encode(store, id);
      out.copyLinks(graph, id);
    }
    return out;
  }

  /** Encodes the store's vector {@code id} (appended after fitting: clamped to the range). */
  void encode(VectorStore store, int id) {
    if ((long) (id + 1) * stride > block.length) {
      int cap = Math.max(id + 1, block.length / stride + (block.length / stride >> 1));
      block = Arrays.copyOf(block, Math.multiplyExact(cap, stride));
    }
    int at = id * stride;
    float norm2;
    if (store.data != null) {
      norm2 = quantizer.encode(store.data, id * dimension, block, at);
    } else {
      store.copyVector(id, row);
      norm2 = quantizer.encode(row, 0, block, at);
    }
    if (euclidean) {
      FLOAT.set(block, at + normOffset, norm2);
    }
  }

  /** Copies node {@code id}'s layer-0 links from the graph (after the builder changed them). */
  void copyLinks(HnswGraph graph, int id) {
    int[] links = graph.links0;
    int from = id * graph.stride0;
    int count = links[from];
    int at = id * stride + linksOffset;
    INT.set(block, at, count);
    for (int j = 1; j <= count; j++) {
      INT.set(block, at + 4 * j, links[from + j]);
    }
  }

  /**
   * Copies node {@code id}'s layer-0 links into {@code out}: the count at {@code out[0]}, the ids
   * after it (at least {@code 2m + 1} long).
   */
  void links(int id, int[] out) {
    int at = id * stride + linksOffset;
    int count = (int) INT.get(block, at);
    out[0] = count;
    for (int j = 1; j <= count; j++) {
      out[j] = (int) INT.get(block, at + 4 * j);
    }
  }

  /**
   * The approximate score of a prepared query against vector {@code id}.
   *
   * @param weights the query's weights from {@link ScalarQuantizer#prepareQuery}
   * @param constant the constant it returned
   * @param queryNorm2 the query's squared norm (used under Euclidean distance only)
   */
  float score(float[] weights, float constant, float queryNorm2, int id) {
    float dot = constant + Kernels.IMPL.dot(weights, 0, block, id * stride, dimension);
    return finish(dot, queryNorm2, id);
  }

  /**
   * {@link #score} of four vectors into {@code out[from..from+3]}; each equal bit for bit to {@link
   * #score} of that id.
   */
  void score4(
      float[] weights,
      float constant,
      float queryNorm2,
      int i0,
      int i1,
      int i2,
      int i3,
      float[] out,
      int from) {
    int s = stride;
    Kernels.IMPL.dot4(weights, 0, block, i0 * s, i1 * s, i2 * s, i3 * s, dimension, out, from);
    out[from] = finish(constant + out[from], queryNorm2, i0);
    out[from + 1] = finish(constant + out[from + 1], queryNorm2, i1);
    out[from + 2] = finish(constant + out[from + 2], queryNorm2, i2);
    out[from + 3] = finish(constant + out[from + 3], queryNorm2, i3);
  }

  private float finish(float dot, float queryNorm2, int id) {
    return euclidean
        ? 2f * dot - queryNorm2 - (float) FLOAT.get(block, id * stride + normOffset)
        : dot;
  }

  /** The codes of vector {@code id}, copied (for tests). */
  byte[] codes(int id) {
    return Arrays.copyOfRange(block, id * stride, id * stride + dimension);
  }

  /** Bytes of vector data for {@code size} vectors: the codes and the norms, not the links. */
  long bytesFor(int size) {
    return (long) size * dimension + (euclidean ? 4L * size : 0);
  }

  /** Bytes held: the whole block, links and padding included. */
  long heapBytes() {
    return block.length;
  }
}
