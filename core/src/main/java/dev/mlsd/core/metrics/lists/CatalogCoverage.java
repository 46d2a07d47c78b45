package dev.mlsd.core.metrics.lists;

import java.util.BitSet;

/**
 * Catalogue coverage: the share of the catalogue that appears in at least one recommended list,
 *
 * <pre>
 *   coverage@k = |union over lists of top_k(list)| / |catalogue|
 * </pre>
 *
 * Range [0, 1]; higher means less concentration on popular items (a recommender that shows every
 * user the same ten items covers ten items). Item ids are indices into the catalogue, [0, size).
 * Reference: Ge, Delgado-Battenfeld and Jannach, "Beyond Accuracy: Evaluating Recommender Systems
 * by Coverage and Serendipity", RecSys 2010.
 *
 * <p>Book: chapter 6 (video recommendation), chapter 7 (event recommendation).
 *
 * <p>Thread safety: stateless.
 */
public final class CatalogCoverage {
  private CatalogCoverage() {}

  /**
   * Coverage of whole lists.
   *
   * @param lists the recommended item ids per user or query
   * @param catalogSize the number of items in the catalogue, at least 1
   */
  public static double compute(int[][] lists, int catalogSize) {
    return compute(lists, Integer.MAX_VALUE, catalogSize);
  }

  /**
   * Coverage of the top k of each list.
   *
   * @param lists the recommended item ids per user or query
   * @param k the cut-off, at least 1
   * @param catalogSize the number of items in the catalogue, at least 1
   */
  public static double compute(int[][] lists, int k, int catalogSize) {
    dev.mlsd.core.metrics.Checks.positiveK(k);
    if (catalogSize < 1) {
      throw new IllegalArgumentException("catalogSize must be at least 1, got " + catalogSize);
    }
    BitSet seen = new BitSet(catalogSize);
    for (int[] list : lists) {
      int depth = Math.min(k, list.length);
      for (int i = 0; i < depth; i++) {
        int id = list[i];
        if (id < 0 || id >= catalogSize) {
          throw new IllegalArgumentException(
              "item " + id + " is outside the catalogue [0, " + catalogSize + ")");
        }
        seen.set(id);
      }
    }
    return (double) seen.cardinality() / catalogSize;
  }
}
