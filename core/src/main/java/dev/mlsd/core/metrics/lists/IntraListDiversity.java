package dev.mlsd.core.metrics.lists;

import dev.mlsd.core.metrics.Checks;

/**
 * Intra-list diversity: the average pairwise dissimilarity of the items in one list,
 *
 * <pre>
 *   ILD = (2 / (n (n - 1))) * sum_{i &lt; j} (1 - sim(item_i, item_j))
 * </pre>
 *
 * for a list of n &gt;= 2 items and a symmetric similarity function. With similarities in [0, 1]
 * the range is [0, 1]; higher means more diverse (0: all items identical). Whether higher is
 * <em>better</em> is a product choice: the book trades diversity against relevance. O(n^2) pairs.
 * Undefined, and refused, for lists of fewer than two items. Reference: Ziegler et al., "Improving
 * Recommendation Lists Through Topic Diversification", WWW 2005.
 *
 * <p>Book: chapter 6 and chapter 7 (diversity of recommendations), chapter 10 (re-ranking for
 * diversity).
 *
 * <p>Thread safety: stateless; as safe as the similarity passed in.
 */
public final class IntraListDiversity {
  private IntraListDiversity() {}

  /**
   * ILD of one list.
   *
   * @param items the item ids of the list, at least two
   * @param similarity the similarity of two items, symmetric
   */
  public static double compute(int[] items, ItemSimilarity similarity) {
    if (items.length < 2) {
      throw new IllegalArgumentException(
          "intra-list diversity needs at least 2 items, got " + items.length);
    }
    double dissimilarity = 0;
    for (int i = 0; i < items.length; i++) {
      for (int j = i + 1; j < items.length; j++) {
        double s = similarity.similarity(items[i], items[j]);
        if (Double.isNaN(s)) {
          throw new IllegalArgumentException(
              "similarity of items " + items[i] + " and " + items[j] + " is NaN");
        }
        dissimilarity += 1 - s;
      }
    }
    long pairs = (long) items.length * (items.length - 1) / 2;
    return dissimilarity / pairs;
  }

  /**
   * ILD with cosine similarity of item embeddings: sim(a, b) = cos(e_a, e_b), so each pair
   * contributes 1 - cos (in [0, 2]; in [0, 1] for non-negative embeddings).
   *
   * @param items the item ids of the list, at least two, each an index into {@code embeddings}
   * @param embeddings one non-zero vector per item id, all of the same dimension
   */
  public static double cosine(int[] items, float[][] embeddings) {
    for (int id : items) {
      if (id < 0 || id >= embeddings.length) {
        throw new IllegalArgumentException(
            "item " + id + " has no embedding (ids are in [0, " + embeddings.length + "))");
      }
    }
    return compute(items, (a, b) -> cosine(embeddings[a], embeddings[b]));
  }

  /**
   * The mean ILD over several lists (each of at least two items).
   *
   * @param lists one item list per user or query, not empty
   * @param similarity the similarity of two items, symmetric
   */
  public static double mean(int[][] lists, ItemSimilarity similarity) {
    Checks.nonEmpty(lists.length, "lists");
    double sum = 0;
    for (int[] list : lists) {
      sum += compute(list, similarity);
    }
    return sum / lists.length;
  }

  private static double cosine(float[] a, float[] b) {
    Checks.sameLength(a.length, b.length, "embeddings");
    double dot = 0;
    double na = 0;
    double nb = 0;
    for (int i = 0; i < a.length; i++) {
      dot += (double) a[i] * b[i];
      na += (double) a[i] * a[i];
      nb += (double) b[i] * b[i];
    }
    if (na == 0 || nb == 0) {
      throw new IllegalArgumentException("cosine similarity of a zero vector is undefined");
    }
    return dot / Math.sqrt(na * nb);
  }
}
