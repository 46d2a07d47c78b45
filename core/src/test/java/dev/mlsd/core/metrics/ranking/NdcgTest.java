package dev.mlsd.core.metrics.ranking;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class NdcgTest {
  /**
   * The book's chapter 2 worked example. The book prints the results DCG 6.151, IDCG 8.954 and nDCG
   * 0.687; the relevance list 0, 5, 1, 4, 2 was reconstructed by an exhaustive search over every
   * list of 3 to 6 grades in 0..5, with linear (rel) and exponential (2^rel - 1) gain: it is the
   * only list that gives all three (apart from the same list with a trailing 0), and it does so
   * with the linear gain the book uses.
   */
  @Test
  void booksChapter2Example() {
    double[] relevances = {0, 5, 1, 4, 2};
    assertEquals(6.151, Dcg.ofRelevances(relevances, 5), 0.0005);
    assertEquals(8.954, Dcg.ideal(relevances, 5), 0.0005);
    assertEquals(0.687, Ndcg.ofRelevances(relevances, 5), 0.0005);
    // The same example through item ids: five images, ranked 10..14, each judged.
    int[] ranked = {10, 11, 12, 13, 14};
    int[] judged = {14, 13, 12, 11, 10};
    double[] grades = {2, 4, 1, 5, 0};
    assertEquals(Ndcg.ofRelevances(relevances, 5), Ndcg.compute(ranked, judged, grades, 5), 1e-15);
  }

  @Test
  void dcgTermsByHand() {
    // 3/1 + 2/log2(3) + 3/2
    assertEquals(
        3 + 2 / (Math.log(3) / Math.log(2)) + 1.5,
        Dcg.ofRelevances(new double[] {3, 2, 3}, 3),
        1e-12);
    assertEquals(3.0, Dcg.ofRelevances(new double[] {3, 2, 3}, 1), 1e-12);
  }

  @Test
  void idealCountsJudgedItemsTheListMissed() {
    // Item 9 (grade 3) is not retrieved: IDCG uses it, DCG cannot.
    int[] ranked = {1, 2};
    int[] judged = {1, 9};
    double[] grades = {1, 3};
    double expected = 1.0 / (3 + 1 / (Math.log(3) / Math.log(2)));
    assertEquals(expected, Ndcg.compute(ranked, judged, grades, 2), 1e-12);
  }

  @Test
  void idealRankingScoresOneOnRandomGrades() {
    SplittableRandom random = new SplittableRandom(81);
    for (int trial = 0; trial < 200; trial++) {
      int n = 1 + random.nextInt(30);
      double[] grades = new double[n];
      int[] ids = new int[n];
      for (int i = 0; i < n; i++) {
        grades[i] = random.nextInt(4) + (random.nextBoolean() ? 0.5 : 0);
        ids[i] = 1000 + 3 * i;
      }
      grades[0] = 1; // at least one relevant item
      // Rank ids by grade, highest first.
      Integer[] order = new Integer[n];
      for (int i = 0; i < n; i++) {
        order[i] = i;
      }
      Arrays.sort(order, (a, b) -> Double.compare(grades[b], grades[a]));
      int[] ranked = new int[n];
      double[] sortedGrades = new double[n];
      for (int i = 0; i < n; i++) {
        ranked[i] = ids[order[i]];
        sortedGrades[i] = grades[order[i]];
      }
      int k = 1 + random.nextInt(n + 5);
      assertEquals(1.0, Ndcg.compute(ranked, ids, grades, k), 1e-12);
      assertEquals(1.0, Ndcg.ofRelevances(sortedGrades, k), 1e-12);
      // Any other order scores at most 1.
      int[] shuffled = RankingMetricsTest.sample(random, n, n);
      int[] other = new int[n];
      for (int i = 0; i < n; i++) {
        other[i] = ids[shuffled[i]];
      }
      double v = Ndcg.compute(other, ids, grades, k);
      assertTrue(v >= 0 && v <= 1 + 1e-12, "nDCG " + v);
    }
  }

  @Test
  void binaryFormEqualsGradedFormWithUnitGrades() {
    int[] ranked = {4, 8, 15, 16, 23, 42};
    int[] relevant = {15, 42, 99};
    double[] ones = {1, 1, 1};
    assertEquals(Ndcg.compute(ranked, relevant, ones, 4), Ndcg.compute(ranked, relevant, 4), 1e-12);
  }

  @Test
  void meanOverQueriesSkipsQueriesWithoutGrades() {
    int[][] rankings = {{1, 2}, {3, 4}, {5}};
    int[][] judged = {{1, 2}, {4}, {}};
    double[][] grades = {{2, 1}, {1}, {}};
    double q2 = 1 / (Math.log(3) / Math.log(2));
    assertEquals((1 + q2) / 2, Ndcg.mean(rankings, judged, grades, 2), 1e-12);
  }

  @Test
  void refusesBadInput() {
    assertThrows(IllegalArgumentException.class, () -> Ndcg.ofRelevances(new double[] {1}, 0));
    assertThrows(IllegalArgumentException.class, () -> Ndcg.ofRelevances(new double[] {-1}, 1));
    assertThrows(
        IllegalArgumentException.class, () -> Ndcg.ofRelevances(new double[] {Double.NaN}, 1));
    assertThrows(
        IllegalArgumentException.class,
        () -> Ndcg.compute(new int[] {1}, new int[] {1, 2}, new double[] {1}, 1));
    assertThrows(
        IllegalArgumentException.class,
        () -> Ndcg.compute(new int[] {1}, new int[] {1, 1}, new double[] {1, 2}, 1));
    assertThrows(
        IllegalArgumentException.class,
        () -> Ndcg.mean(new int[][] {{1}}, new int[][] {{}}, new double[][] {{}}, 1));
  }
}
