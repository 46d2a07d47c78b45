package dev.mlsd.core.metrics.ranking;

import dev.mlsd.core.metrics.Checks;
import java.util.Arrays;

/**
 * Discounted cumulative gain with the book's linear gain:
 *
 * <pre>
 *   DCG@k = sum_{i=1..k} rel_i / log2(i + 1)
 * </pre>
 *
 * where rel_i is the graded relevance of the item at rank i (0 when not judged). The ideal DCG
 * (IDCG@k) is the DCG of the judged grades sorted from high to low. (The exponential gain 2^rel - 1
 * of some toolkits is not used: the book uses the linear one.) Range [0, infinity), higher is
 * better. See {@link Ndcg} for the normalised form. Book: chapter 2 (visual search), chapter 4,
 * chapter 6.
 *
 * <p>Thread safety: stateless.
 */
public final class Dcg {
  private static final double LN2 = Math.log(2);

  private Dcg() {}

  /**
   * DCG@k of relevances given in rank order.
   *
   * @param relevances the relevance of the item at each rank, best rank first; each finite and at
   *     least 0
   * @param k the cut-off, at least 1
   */
  public static double ofRelevances(double[] relevances, int k) {
    Checks.positiveK(k);
    requireGrades(relevances);
    double dcg = 0;
    int depth = Math.min(k, relevances.length);
    for (int i = 0; i < depth; i++) {
      dcg += relevances[i] * discount(i);
    }
    return dcg;
  }

  /**
   * IDCG@k: the DCG@k of the given grades sorted from high to low.
   *
   * @param grades every judged grade of the query, in any order; each finite and at least 0
   * @param k the cut-off, at least 1
   */
  public static double ideal(double[] grades, int k) {
    double[] sorted = grades.clone();
    Arrays.sort(sorted);
    // Reverse to descending in place.
    for (int i = 0, j = sorted.length - 1; i < j; i++, j--) {
      double t = sorted[i];
      sorted[i] = sorted[j];
      sorted[j] = t;
    }
    return ofRelevances(sorted, k);
  }

  /**
   * DCG@k of a ranked list of item ids against graded judgments.
   *
   * @param ranked item ids, best first, no repeats
   * @param judgedItems the judged item ids, no repeats; items not listed have relevance 0
   * @param grades the grade of each judged item, same length, each finite and at least 0
   * @param k the cut-off, at least 1
   */
  public static double compute(int[] ranked, int[] judgedItems, double[] grades, int k) {
    return ofRelevances(relevancesInRankOrder(ranked, judgedItems, grades, k), k);
  }

  /** The grade of each of the top-k ranked items, 0 for unjudged ones. */
  static double[] relevancesInRankOrder(int[] ranked, int[] judgedItems, double[] grades, int k) {
    Checks.positiveK(k);
    Checks.sameLength(judgedItems.length, grades.length, "judgedItems and grades");
    requireGrades(grades);
    int depth = Math.min(k, ranked.length);
    Relevance.requireDistinct(ranked, depth, "ranked");
    // Sort judged ids with their grades once: pack (id, index) into a long, as ScoreOrder does.
    long[] keyed = new long[judgedItems.length];
    for (int j = 0; j < judgedItems.length; j++) {
      keyed[j] = ((long) judgedItems[j] << 32) | j;
    }
    Arrays.sort(keyed);
    int[] ids = new int[keyed.length];
    for (int j = 0; j < keyed.length; j++) {
      ids[j] = (int) (keyed[j] >> 32);
      if (j > 0 && ids[j] == ids[j - 1]) {
        throw new IllegalArgumentException("judgedItems repeats item " + ids[j]);
      }
    }
    double[] relevances = new double[depth];
    for (int i = 0; i < depth; i++) {
      int at = Arrays.binarySearch(ids, ranked[i]);
      relevances[i] = at >= 0 ? grades[(int) keyed[at]] : 0.0;
    }
    return relevances;
  }

  /** 1 / log2(i + 2) for the 0-based rank i. */
  static double discount(int i) {
    return LN2 / Math.log(i + 2);
  }

  private static void requireGrades(double[] grades) {
    for (int i = 0; i < grades.length; i++) {
      if (!(grades[i] >= 0) || Double.isInfinite(grades[i])) {
        throw new IllegalArgumentException(
            "relevance grade [" + i + "] = " + grades[i] + " must be finite and at least 0");
      }
    }
  }
}
