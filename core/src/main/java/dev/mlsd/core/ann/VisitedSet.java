package dev.mlsd.core.ann;

import java.util.Arrays;

/**
 * The nodes one graph walk has already scored: one bit per node, plus the list of marked nodes so
 * that the next walk clears only those bits.
 *
 * <p>A walk tests a mark for every link of every node it expands, at random ids. One bit per node
 * is 125 KB at a million nodes, small enough for the core's second-level cache; the {@code int}
 * generation stamp per node it replaces was 4 MB. Measured at 1M x 64, the two are equally fast
 * (benchmarks/README.md, "Int8 with each index alone"): the gain is 32 times less memory per
 * searcher. Clearing by the list costs one store per node the walk marked, where clearing the whole
 * set would cost a pass over all of it.
 *
 * <p>Not thread-safe: one per searcher.
 */
final class VisitedSet {
  private long[] words = new long[0];
  private int[] marked = new int[64];
  private int count;

  /**
   * Forgets the previous walk's marks and makes room for ids below {@code size}.
   *
   * @param size the graph's node count (or capacity): every id a walk can meet is below it
   */
  void reset(int size) {
    int needed = (size + 63) >>> 6;
    if (words.length < needed) {
      words = Arrays.copyOf(words, Math.max(needed, words.length + (words.length >> 1)));
    }
    long[] w = words;
    int[] m = marked;
    for (int i = 0, n = count; i < n; i++) {
      w[m[i] >>> 6] = 0L;
    }
    count = 0;
  }

  /**
   * Marks {@code id}.
   *
   * @return true if it was not marked before in this walk
   */
  boolean visit(int id) {
    int word = id >>> 6;
    long bit = 1L << id; // a shift by id uses its low six bits
    long w = words[word];
    if ((w & bit) != 0) {
      return false;
    }
    words[word] = w | bit;
    if (count == marked.length) {
      marked = Arrays.copyOf(marked, count + (count >> 1));
    }
    marked[count++] = id;
    return true;
  }

  /** Whether {@code id} is marked in this walk. */
  boolean contains(int id) {
    return (words[id >>> 6] & (1L << id)) != 0;
  }
}
