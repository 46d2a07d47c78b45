package dev.mlsd.core.metrics.ranking;

import dev.mlsd.core.metrics.Checks;

/**
 * Normalised discounted cumulative gain: DCG@k divided by the DCG@k of the ideal ordering,
 *
 * <pre>
 *   nDCG@k = DCG@k / IDCG@k,   DCG@k = sum_{i=1..k} rel_i / log2(i + 1)
 * </pre>
 *
 * with graded relevance rel_i (see {@link Dcg}). Range [0, 1], higher is better; 1 for the ideal
 * ordering. A query with no relevant item (IDCG = 0) scores 0.
 *
 * <p>Book: chapter 2 (visual search: the book prefers nDCG when relevance is graded). The book's
 * worked example ranks five images with relevances 0, 5, 1, 4, 2: DCG = 6.151, IDCG = 8.954, nDCG =
 * 0.687 (a test reproduces it).
 *
 * <p>Thread safety: stateless.
 */
public final class Ndcg {
  private Ndcg() {}

  /**
   * nDCG@k of relevances given in rank order, the ideal being the same relevances sorted from high
   * to low (the book's worked-example form: every judged item is in the list).
   *
   * @param relevances the relevance at each rank, best rank first, each finite and at least 0
   * @param k the cut-off, at least 1
   */
  public static double ofRelevances(double[] relevances, int k) {
    return normalise(Dcg.ofRelevances(relevances, k), Dcg.ideal(relevances, k));
  }

  /**
   * nDCG@k of a ranked list of item ids against graded judgments; the ideal ranks every judged item
   * by grade, including judged items the list missed.
   *
   * @param ranked item ids, best first, no repeats
   * @param judgedItems the judged item ids, no repeats; items not listed have relevance 0
   * @param grades the grade of each judged item, same length, each finite and at least 0
   * @param k the cut-off, at least 1
   */
  public static double compute(int[] ranked, int[] judgedItems, double[] grades, int k) {
    return normalise(Dcg.compute(ranked, judgedItems, grades, k), Dcg.ideal(grades, k));
  }

  /**
   * nDCG@k with binary relevance (grade 1 for each relevant item), so that it fits {@link
   * QueryMean.QueryMetric}.
   *
   * @param ranked item ids, best first, no repeats
   * @param relevant the relevant item ids, no repeats
   * @param k the cut-off, at least 1
   */
  public static double compute(int[] ranked, int[] relevant, int k) {
    boolean[] hits = Relevance.hits(ranked, relevant, k);
    double dcg = 0;
    for (int i = 0; i < hits.length; i++) {
      if (hits[i]) {
        dcg += Dcg.discount(i);
      }
    }
    double ideal = 0;
    for (int i = 0; i < Math.min(k, relevant.length); i++) {
      ideal += Dcg.discount(i);
    }
    return normalise(dcg, ideal);
  }

  /**
   * The mean graded nDCG@k over queries, leaving out queries with no positive grade.
   *
   * @param rankings one ranked list per query
   * @param judgedItems the judged item ids per query
   * @param grades the grades per query, parallel to {@code judgedItems}
   * @param k the cut-off, at least 1
   * @throws IllegalArgumentException if no query has a positive grade
   */
  public static double mean(int[][] rankings, int[][] judgedItems, double[][] grades, int k) {
    Checks.sameLength(rankings.length, judgedItems.length, "rankings and judgedItems");
    Checks.sameLength(rankings.length, grades.length, "rankings and grades");
    double sum = 0;
    int counted = 0;
    for (int q = 0; q < rankings.length; q++) {
      double ideal = Dcg.ideal(grades[q], k);
      if (ideal > 0) {
        sum += Dcg.compute(rankings[q], judgedItems[q], grades[q], k) / ideal;
        counted++;
      }
    }
    if (counted == 0) {
      throw new IllegalArgumentException("no query has a relevant item");
    }
    return sum / counted;
  }

  private static double normalise(double dcg, double ideal) {
    return ideal == 0 ? 0.0 : dcg / ideal;
  }
}
