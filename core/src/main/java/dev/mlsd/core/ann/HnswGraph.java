package dev.mlsd.core.ann;

import java.util.Arrays;

/**
 * The links of an HNSW graph in flat int arrays.
 *
 * <p>Layout:
 *
 * <ul>
 *   <li>layer 0, where every node lives: {@code links0}, {@code 2m + 1} ints per node at offset
 *       {@code node * (2m + 1)}: the neighbour count, then up to {@code 2m} neighbour ids. Fixed
 *       slots mean no per-node object and one array walk per expansion. Null in an index from
 *       {@link HnswIndex#loadQuantized}, which keeps its layer-0 links beside the int8 codes only
 *       ({@link QuantizedVectors}).
 *   <li>layers 1..L, which hold a node with probability {@code m^-l}: {@code upper[node]}, null for
 *       nodes of level 0, else {@code L * (m + 1)} ints, layer {@code l} at offset {@code (l - 1) *
 *       (m + 1)}, the same count-then-ids shape.
 * </ul>
 *
 * <p>Not thread-safe: guarded by the owning {@link HnswIndex}'s lock.
 */
final class HnswGraph {
  /** Level cap; a node reaches level 30 with probability 16^-30. */
  static final int MAX_LEVEL = 30;

  final int m;
  final int m0;
  final int stride0;
  int[] links0;
  int[][] upper;
  byte[] levels;
  int size;
  int entryPoint = -1;
  int maxLevel = -1;

  HnswGraph(int m, int initialCapacity) {
    this.m = m;
    this.m0 = 2 * m;
    this.stride0 = m0 + 1;
    int cap = Math.max(16, initialCapacity);
    this.links0 = new int[Math.multiplyExact(cap, stride0)];
    this.upper = new int[cap][];
    this.levels = new byte[cap];
  }

  /** A graph rebuilt from loaded arrays. */
  HnswGraph(int m, int size, int[] links0, int[][] upper, byte[] levels, int entry, int maxLevel) {
    this.m = m;
    this.m0 = 2 * m;
    this.stride0 = m0 + 1;
    this.size = size;
    this.links0 = links0;
    this.upper = upper;
    this.levels = levels;
    this.entryPoint = entry;
    this.maxLevel = maxLevel;
  }

  int capacity() {
    return levels.length;
  }

  /** Appends a node with no links. */
  void addNode(int id, int level) {
    if (id != size) {
      throw new IllegalStateException("graph has " + size + " nodes, asked to add " + id);
    }
    if (size == capacity()) {
      int cap = capacity() + (capacity() >> 1);
      links0 = Arrays.copyOf(links0, Math.multiplyExact(cap, stride0));
      upper = Arrays.copyOf(upper, cap);
      levels = Arrays.copyOf(levels, cap);
    }
    levels[id] = (byte) level;
    if (level > 0) {
      upper[id] = new int[level * (m + 1)];
    }
    size++;
  }

  /** The array holding a node's links on a layer (see the class comment for the layout). */
  int[] linksArray(int node, int level) {
    return level == 0 ? links0 : upper[node];
  }

  /** Where in {@link #linksArray} the node's count sits; the ids follow it. */
  int linksOffset(int node, int level) {
    return level == 0 ? node * stride0 : (level - 1) * (m + 1);
  }

  /** The most links a node keeps on a layer: 2m on layer 0, m above. */
  int maxLinks(int level) {
    return level == 0 ? m0 : m;
  }

  /** The node's links on a layer, copied (for tests and checks). */
  int[] neighbours(int node, int level) {
    int[] a = linksArray(node, level);
    int off = linksOffset(node, level);
    return Arrays.copyOfRange(a, off + 1, off + 1 + a[off]);
  }
}
