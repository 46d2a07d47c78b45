package dev.mlsd.recommendation.model;

/**
 * Selects the k best items of a full score array, skipping excluded ones, best first, ties broken
 * by lower item index. A bounded min-heap of packed {@code long}s (score bits high, inverted id
 * low), so nothing is boxed.
 *
 * <p>Not thread-safe: owns its heap; one per thread.
 */
public final class TopItems {
  private final long[] heap;
  private int size;

  /**
   * @param capacity the largest k this selector serves
   */
  public TopItems(int capacity) {
    if (capacity < 1) {
      throw new IllegalArgumentException("capacity must be >= 1, got " + capacity);
    }
    heap = new long[capacity];
  }

  /** Orders floats as ints (total order, NaN last), for packing. */
  static int sortable(float f) {
    int b = Float.floatToIntBits(f);
    return b ^ ((b >> 31) & 0x7fffffff);
  }

  /**
   * The score of the heap's smallest key (the bit flip of {@link #sortable} is its own inverse).
   */
  private float floor() {
    int b = (int) (heap[0] >> 32);
    return Float.intBitsToFloat(b ^ ((b >> 31) & 0x7fffffff));
  }

  static long pack(float score, int id) {
    // higher score -> larger key; on equal scores, lower id -> larger key
    return ((long) sortable(score) << 32) | (0xffffffffL & ~id);
  }

  /**
   * @param scores one per item
   * @param excluded items to skip (marked true), or null
   * @param k how many, at most the capacity
   * @param out receives up to k item ids, best first
   * @return how many were written
   */
  public int select(float[] scores, boolean[] excluded, int k, int[] out) {
    if (k > heap.length) {
      throw new IllegalArgumentException("k " + k + " exceeds capacity " + heap.length);
    }
    size = 0;
    if (k <= 0) {
      return 0;
    }
    int i = 0;
    // fill the heap with the first k eligible items
    for (; i < scores.length && size < k; i++) {
      if (excluded == null || !excluded[i]) {
        offer(pack(scores[i], i), k);
      }
    }
    // then the k-th best score so far is a floor: an item strictly below it cannot enter, and one
    // float comparison rejects most of the catalogue before any packing or exclusion lookup (an
    // equal score may still win on its lower index, and NaN compares false: both take the full
    // path)
    float floor = size == k ? floor() : Float.NEGATIVE_INFINITY;
    for (; i < scores.length; i++) {
      float s = scores[i];
      if (s < floor || (excluded != null && excluded[i])) {
        continue;
      }
      long key = pack(s, i);
      if (key > heap[0]) {
        heap[0] = key;
        down(0);
        floor = floor();
      }
    }
    int n = size;
    for (int p = n - 1; p >= 0; p--) {
      out[p] = ~(int) heap[0];
      heap[0] = heap[--size];
      down(0);
    }
    return n;
  }

  /** Offers one packed key into a heap bounded at k. */
  private void offer(long key, int k) {
    if (size < k) {
      heap[size] = key;
      int c = size++;
      while (c > 0) {
        int p = (c - 1) >>> 1;
        if (heap[p] <= heap[c]) {
          break;
        }
        long t = heap[p];
        heap[p] = heap[c];
        heap[c] = t;
        c = p;
      }
    } else if (key > heap[0]) {
      heap[0] = key;
      down(0);
    }
  }

  private void down(int p) {
    while (true) {
      int l = 2 * p + 1;
      if (l >= size) {
        return;
      }
      int m = l + 1 < size && heap[l + 1] < heap[l] ? l + 1 : l;
      if (heap[p] <= heap[m]) {
        return;
      }
      long t = heap[p];
      heap[p] = heap[m];
      heap[m] = t;
      p = m;
    }
  }
}
