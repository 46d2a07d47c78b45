package dev.mlsd.core.metrics.ranking;

import dev.mlsd.core.metrics.Checks;
import java.util.Arrays;

/**
 * Which of the top-k ranked items are relevant: the one membership pass every binary ranking metric
 * shares. The relevant ids are sorted once per query and looked up by binary search.
 */
final class Relevance {
  private Relevance() {}

  /**
   * {@code hits[i]} is whether {@code ranked[i]} is relevant, for i below min(k, ranked.length).
   *
   * @throws IllegalArgumentException if k &lt; 1, or either array repeats an id
   */
  static boolean[] hits(int[] ranked, int[] relevant, int k) {
    Checks.positiveK(k);
    int depth = Math.min(k, ranked.length);
    requireDistinct(ranked, depth, "ranked");
    int[] sorted = sortedDistinct(relevant, "relevant");
    boolean[] hits = new boolean[depth];
    for (int i = 0; i < depth; i++) {
      hits[i] = Arrays.binarySearch(sorted, ranked[i]) >= 0;
    }
    return hits;
  }

  static int count(boolean[] hits) {
    int c = 0;
    for (boolean h : hits) {
      if (h) {
        c++;
      }
    }
    return c;
  }

  /** A sorted copy of ids, refusing repeats. */
  static int[] sortedDistinct(int[] ids, String name) {
    int[] sorted = ids.clone();
    Arrays.sort(sorted);
    for (int i = 1; i < sorted.length; i++) {
      if (sorted[i] == sorted[i - 1]) {
        throw new IllegalArgumentException(name + " repeats item " + sorted[i]);
      }
    }
    return sorted;
  }

  /** Refuses a repeated id among the first {@code depth} entries. */
  static void requireDistinct(int[] ids, int depth, String name) {
    sortedDistinct(Arrays.copyOf(ids, depth), name);
  }
}
