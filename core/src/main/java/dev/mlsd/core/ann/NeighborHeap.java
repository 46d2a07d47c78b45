package dev.mlsd.core.ann;

import java.util.Arrays;

/**
 * A binary heap of (node id, score) pairs packed into one {@code long} each, so that the heap is a
 * plain {@code long[]} with no objects (after Lucene's {@code NeighborQueue}).
 *
 * <p>Packing: the high 32 bits hold the score as an order-preserving int (the IEEE bits with the
 * magnitude flipped for negatives), the low 32 bits hold {@code ~id}. A larger packed value is
 * therefore a better neighbour: a higher score, and on equal scores the smaller id, which makes
 * every tie break by id and every result deterministic. A <em>min</em>-heap keeps the worst
 * neighbour on top (the result set, evicting its worst); a <em>max</em>-heap keeps the best on top
 * (the candidate frontier) and stores the bitwise complement of the key to reuse the same sift
 * code.
 *
 * <p>Not thread-safe: owned by one searcher.
 */
final class NeighborHeap {
  private final boolean maxHeap;
  private long[] heap;
  private int size;

  NeighborHeap(int initialCapacity, boolean maxHeap) {
    this.heap = new long[Math.max(1, initialCapacity)];
    this.maxHeap = maxHeap;
  }

  /** Packs a score and an id; larger packed values are better neighbours. */
  static long pack(int id, float score) {
    int bits = Float.floatToIntBits(score);
    int sortable = bits ^ ((bits >> 31) & 0x7fffffff);
    return ((long) sortable << 32) | (~id & 0xFFFFFFFFL);
  }

  static int unpackId(long key) {
    return ~(int) key;
  }

  static float unpackScore(long key) {
    int sortable = (int) (key >>> 32);
    return Float.intBitsToFloat(sortable ^ ((sortable >> 31) & 0x7fffffff));
  }

  int size() {
    return size;
  }

  void clear() {
    size = 0;
  }

  void push(int id, float score) {
    pushKey(pack(id, score));
  }

  /** Pushes an already packed key. */
  void pushKey(long key) {
    if (size == heap.length) {
      heap = Arrays.copyOf(heap, size * 2);
    }
    long k = maxHeap ? ~key : key;
    int i = size++;
    // sift up: the heap stores smallest-on-top; a max-heap stores complements
    while (i > 0) {
      int parent = (i - 1) >>> 1;
      long p = heap[parent];
      if (p <= k) {
        break;
      }
      heap[i] = p;
      i = parent;
    }
    heap[i] = k;
  }

  /** The packed key on top: the worst for a min-heap, the best for a max-heap. */
  long topKey() {
    return maxHeap ? ~heap[0] : heap[0];
  }

  int topId() {
    return unpackId(topKey());
  }

  float topScore() {
    return unpackScore(topKey());
  }

  /** Removes and returns the packed key on top. */
  long popKey() {
    long top = topKey();
    long last = heap[--size];
    if (size > 0) {
      siftDown(last);
    }
    return top;
  }

  /** Replaces the top with a new (already packed, unflipped) key: a pop and a push in one sift. */
  void replaceTopKey(long key) {
    siftDown(maxHeap ? ~key : key);
  }

  /** The packed key at a heap position, in no particular order (for draining). */
  long keyAt(int i) {
    return maxHeap ? ~heap[i] : heap[i];
  }

  private void siftDown(long k) {
    int i = 0;
    int half = size >>> 1;
    while (i < half) {
      int child = 2 * i + 1;
      long c = heap[child];
      int right = child + 1;
      if (right < size && heap[right] < c) {
        child = right;
        c = heap[right];
      }
      if (k <= c) {
        break;
      }
      heap[i] = c;
      i = child;
    }
    heap[i] = k;
  }
}
