package dev.mlsd.core.ann;

/**
 * Keeps the {@code k} best (id, score) pairs pushed into it; the indexes push their results here
 * instead of returning lists (after Lucene's {@code KnnCollector}). Primitive throughout: a
 * min-heap of packed longs (see {@link NeighborHeap}), so collecting allocates nothing.
 *
 * <p>Order: {@link #ids()}, {@link #scores()} and {@link #drainTo} give the results best first;
 * equal scores are ordered by ascending id, so results are deterministic.
 *
 * <p>Lifecycle: create once per thread, {@link #reset()} between queries. Not thread-safe.
 */
public final class TopKCollector {
  private final int k;
  private final NeighborHeap heap;
  private final long[] sorted;

  /**
   * @param k how many results to keep, at least 1
   */
  public TopKCollector(int k) {
    if (k < 1) {
      throw new IllegalArgumentException("k must be >= 1, got " + k);
    }
    this.k = k;
    this.heap = new NeighborHeap(k + 1, false);
    this.sorted = new long[k];
  }

  /** How many results this collector keeps. */
  public int k() {
    return k;
  }

  /** How many results it holds now, at most {@link #k()}. */
  public int size() {
    return heap.size();
  }

  /** Forgets every result, keeping k. */
  public void reset() {
    heap.clear();
  }

  /**
   * Offers one result.
   *
   * @param id the vector id
   * @param score its score, higher is better
   * @return whether it was kept (for now)
   */
  public boolean collect(int id, float score) {
    long key = NeighborHeap.pack(id, score);
    if (heap.size() < k) {
      heap.pushKey(key);
      return true;
    }
    if (key > heap.topKey()) {
      heap.replaceTopKey(key);
      return true;
    }
    return false;
  }

  /**
   * The score a new result must beat to be kept: the k-th best so far, or negative infinity while
   * fewer than k are held.
   */
  public float minCompetitiveScore() {
    return heap.size() < k ? Float.NEGATIVE_INFINITY : heap.topScore();
  }

  /**
   * Copies the results, best first, into the given arrays.
   *
   * @param ids receives the ids; at least {@link #size()} long
   * @param scores receives the scores; at least {@link #size()} long, or null
   * @return the number of results copied
   */
  public int drainTo(int[] ids, float[] scores) {
    int n = heap.size();
    // the heap's array is already a min-heap: sort a copy in place (heapsort: the worst goes to the
    // back, so the copy ends best first). A library sort allocates a little on longer lists; this
    // allocates nothing. Keys are unique (one per id), so the order is the same as any sort's.
    for (int i = 0; i < n; i++) {
      sorted[i] = heap.keyAt(i);
    }
    for (int end = n - 1; end > 0; end--) {
      long worst = sorted[0];
      siftDown(sorted, sorted[end], end);
      sorted[end] = worst;
    }
    for (int i = 0; i < n; i++) {
      long key = sorted[i];
      ids[i] = NeighborHeap.unpackId(key);
      if (scores != null) {
        scores[i] = NeighborHeap.unpackScore(key);
      }
    }
    return n;
  }

  /** Places {@code key} from the root down the min-heap {@code a[0..size)}. */
  private static void siftDown(long[] a, long key, int size) {
    int i = 0;
    int half = size >>> 1;
    while (i < half) {
      int child = 2 * i + 1;
      long c = a[child];
      int right = child + 1;
      if (right < size && a[right] < c) {
        child = right;
        c = a[right];
      }
      if (key <= c) {
        break;
      }
      a[i] = c;
      i = child;
    }
    a[i] = key;
  }

  /** The ids, best first (allocates; for tests and tools, not the hot path). */
  public int[] ids() {
    int[] ids = new int[size()];
    drainTo(ids, null);
    return ids;
  }

  /** The scores, best first (allocates). */
  public float[] scores() {
    int[] ids = new int[size()];
    float[] scores = new float[size()];
    drainTo(ids, scores);
    return scores;
  }
}
