package dev.mlsd.core.metrics.ranking;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class RankingMetricsTest {
  // Relevant items sit at ranks 2 (id 3) and 5 (id 5); id 8 is relevant but not retrieved.
  private static final int[] RANKED = {7, 3, 9, 1, 5};
  private static final int[] RELEVANT = {8, 5, 3};

  @Test
  void precisionAtKByHand() {
    assertEquals(0.0, PrecisionAtK.compute(RANKED, RELEVANT, 1));
    assertEquals(0.5, PrecisionAtK.compute(RANKED, RELEVANT, 2));
    assertEquals(0.4, PrecisionAtK.compute(RANKED, RELEVANT, 5));
    assertEquals(0.2, PrecisionAtK.compute(RANKED, RELEVANT, 10), "short lists divide by k");
  }

  @Test
  void recallAtKByHand() {
    assertEquals(1.0 / 3, RecallAtK.compute(RANKED, RELEVANT, 2), 1e-12);
    assertEquals(2.0 / 3, RecallAtK.compute(RANKED, RELEVANT, 5), 1e-12);
    assertEquals(2.0 / 3, RecallAtK.compute(RANKED, RELEVANT, 100), 1e-12);
  }

  @Test
  void hitRateAndReciprocalRankByHand() {
    assertEquals(0.0, HitRateAtK.compute(RANKED, RELEVANT, 1));
    assertEquals(1.0, HitRateAtK.compute(RANKED, RELEVANT, 2));
    assertEquals(0.5, ReciprocalRank.compute(RANKED, RELEVANT, 5));
    assertEquals(0.0, ReciprocalRank.compute(RANKED, RELEVANT, 1));
    assertEquals(1.0, ReciprocalRank.compute(new int[] {5, 3}, RELEVANT, 2));
  }

  @Test
  void averagePrecisionAtKByHand() {
    // (P@2 + P@5) / min(3, 5) = (1/2 + 2/5) / 3.
    assertEquals(0.3, AveragePrecisionAtK.compute(RANKED, RELEVANT, 5), 1e-12);
    // Only rank 2 counts at k = 2; the top 2 can hold at most 2 hits: (1/2) / 2.
    assertEquals(0.25, AveragePrecisionAtK.compute(RANKED, RELEVANT, 2), 1e-12);
    assertEquals(1.0, AveragePrecisionAtK.compute(new int[] {3, 5, 8, 1}, RELEVANT, 4), 1e-12);
    assertEquals(1.0, AveragePrecisionAtK.compute(new int[] {3, 5}, RELEVANT, 2), 1e-12);
  }

  @Test
  void binaryNdcgByHand() {
    // DCG = 1/log2(3) + 1/log2(6) = 1.0177826; IDCG@5 (3 relevant) = 1 + 1/log2(3) + 1/2.
    assertEquals(1.0177826 / 2.1309298, Ndcg.compute(RANKED, RELEVANT, 5), 1e-7);
    assertEquals(0.4776237, Ndcg.compute(RANKED, RELEVANT, 5), 1e-7);
  }

  @Test
  void noRelevantItemScoresZero() {
    int[] none = {};
    assertEquals(0.0, PrecisionAtK.compute(RANKED, none, 3));
    assertEquals(0.0, RecallAtK.compute(RANKED, none, 3));
    assertEquals(0.0, HitRateAtK.compute(RANKED, none, 3));
    assertEquals(0.0, ReciprocalRank.compute(RANKED, none, 3));
    assertEquals(0.0, AveragePrecisionAtK.compute(RANKED, none, 3));
    assertEquals(0.0, Ndcg.compute(RANKED, none, 3));
    assertEquals(0.0, Ndcg.ofRelevances(new double[] {0, 0, 0}, 3));
    assertEquals(0.0, RecallAtK.compute(new int[0], RELEVANT, 3), "an empty ranking finds nothing");
  }

  @Test
  void queryMeanLeavesOutQueriesWithoutRelevantItems() {
    int[][] rankings = {{1, 2, 3}, {4, 5, 6}, {7, 8, 9}};
    int[][] relevant = {{2}, {4, 6}, {}};
    // RR: 1/2 and 1; the third query has nothing to find.
    assertEquals(0.75, QueryMean.mean(rankings, relevant, 3, ReciprocalRank::compute), 1e-12);
    assertArrayEquals(
        new double[] {0.5, 1.0},
        QueryMean.perQuery(rankings, relevant, 3, ReciprocalRank::compute),
        1e-12);
    assertEquals(2, QueryMean.evaluated(relevant));
    // mAP@3: query 1 (1/2) / 1, query 2 (1 + 2/3) / 2.
    assertEquals(
        (0.5 + 5.0 / 6) / 2,
        QueryMean.mean(rankings, relevant, 3, AveragePrecisionAtK::compute),
        1e-12);
    assertThrows(
        IllegalArgumentException.class,
        () -> QueryMean.mean(new int[][] {{1}}, new int[][] {{}}, 3, AveragePrecisionAtK::compute));
  }

  @Test
  void refusesBadInput() {
    assertThrows(IllegalArgumentException.class, () -> PrecisionAtK.compute(RANKED, RELEVANT, 0));
    assertThrows(IllegalArgumentException.class, () -> RecallAtK.compute(RANKED, RELEVANT, -1));
    assertThrows(
        IllegalArgumentException.class,
        () -> PrecisionAtK.compute(new int[] {1, 2, 1}, RELEVANT, 3),
        "repeated ranked item");
    assertThrows(
        IllegalArgumentException.class, () -> RecallAtK.compute(RANKED, new int[] {3, 3}, 3));
    assertThrows(
        IllegalArgumentException.class,
        () -> QueryMean.mean(new int[][] {{1}}, new int[0][], 3, PrecisionAtK::compute));
    // A repeat below the cut-off is not looked at.
    assertEquals(0.5, PrecisionAtK.compute(new int[] {3, 7, 3}, RELEVANT, 2));
  }

  @Test
  void agreeWithNaiveSetImplementationsOnRandomQueries() {
    SplittableRandom random = new SplittableRandom(71);
    for (int trial = 0; trial < 300; trial++) {
      int catalog = 5 + random.nextInt(60);
      int[] ranked = sample(random, catalog, 1 + random.nextInt(Math.min(catalog, 30)));
      int[] relevant = sample(random, catalog, random.nextInt(Math.min(catalog, 15)));
      int k = 1 + random.nextInt(40);
      Set<Integer> rel = new HashSet<>();
      for (int r : relevant) {
        rel.add(r);
      }
      int hits = 0;
      int first = 0;
      double apSum = 0;
      double dcg = 0;
      for (int i = 0; i < Math.min(k, ranked.length); i++) {
        if (rel.contains(ranked[i])) {
          hits++;
          apSum += hits / (i + 1.0);
          dcg += 1 / (Math.log(i + 2) / Math.log(2));
          if (first == 0) {
            first = i + 1;
          }
        }
      }
      double idcg = 0;
      for (int i = 0; i < Math.min(k, relevant.length); i++) {
        idcg += 1 / (Math.log(i + 2) / Math.log(2));
      }
      boolean any = !rel.isEmpty();
      assertEquals((double) hits / k, PrecisionAtK.compute(ranked, relevant, k), 1e-12);
      assertEquals(
          any ? (double) hits / rel.size() : 0, RecallAtK.compute(ranked, relevant, k), 1e-12);
      assertEquals(hits > 0 ? 1.0 : 0.0, HitRateAtK.compute(ranked, relevant, k));
      assertEquals(
          first == 0 ? 0 : 1.0 / first, ReciprocalRank.compute(ranked, relevant, k), 1e-12);
      double ap = AveragePrecisionAtK.compute(ranked, relevant, k);
      assertEquals(any ? apSum / Math.min(rel.size(), k) : 0, ap, 1e-12);
      assertTrue(ap >= 0 && ap <= 1 + 1e-12, "AP@k " + ap);
      assertEquals(any ? dcg / idcg : 0, Ndcg.compute(ranked, relevant, k), 1e-12);
    }
  }

  /** {@code count} distinct ids from [0, catalog), in random order. */
  static int[] sample(SplittableRandom random, int catalog, int count) {
    int[] all = new int[catalog];
    for (int i = 0; i < catalog; i++) {
      all[i] = i;
    }
    for (int i = 0; i < count; i++) {
      int j = i + random.nextInt(catalog - i);
      int t = all[i];
      all[i] = all[j];
      all[j] = t;
    }
    return java.util.Arrays.copyOf(all, count);
  }
}
