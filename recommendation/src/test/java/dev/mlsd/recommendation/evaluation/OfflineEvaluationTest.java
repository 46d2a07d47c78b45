package dev.mlsd.recommendation.evaluation;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.mlsd.core.metrics.uncertainty.Bootstrap;
import dev.mlsd.recommendation.data.Interactions;
import dev.mlsd.recommendation.data.TimeSplit;
import dev.mlsd.recommendation.features.UserRequest;
import dev.mlsd.recommendation.model.ItemScorer;
import org.junit.jupiter.api.Test;

/** The offline protocol on a fixture whose every number can be worked out by hand. */
class OfflineEvaluationTest {

  /**
   * Two users, five rows each, no cold-start: train = first three rows, validation = the fourth,
   * test = the fifth. User 100 likes its test video (item 4, 5 stars); user 200 does not (2 stars),
   * so it is skipped from the test set. User 200 liked its validation video (item 4).
   */
  static TimeSplit split() {
    Interactions log =
        new Interactions(
            new int[] {100, 200},
            new int[] {0, 5, 10},
            new int[] {0, 1, 2, 3, 4, 1, 2, 3, 4, 0},
            new float[] {5, 3, 4, 2, 5, 4, 4, 4, 5, 2},
            new long[] {10, 20, 30, 40, 50, 15, 25, 35, 45, 55});
    return new TimeSplit(log, new TimeSplit.Params(0.2, 0.1, 0.0, 1, 1L));
  }

  @Test
  void evaluationSetsHoldTheLikedHeldOutVideosAndTheHistoryBeforeThem() {
    EvaluationSet test = new EvaluationSet(split(), EvaluationSet.Part.TEST);
    assertEquals(1, test.size());
    assertEquals(1, test.skipped());
    assertEquals(0, test.user(0));
    assertArrayEquals(new int[] {4}, test.relevant(0));
    UserRequest r = test.request(0, new UserRequest(8));
    assertEquals(4, r.length); // train + validation
    assertEquals(50, r.nowSeconds); // the time of the first held-out row
    assertEquals(0, r.user);

    EvaluationSet val = new EvaluationSet(split(), EvaluationSet.Part.VALIDATION);
    assertEquals(1, val.size()); // user 100's validation row has 2 stars
    assertEquals(1, val.user(0));
    assertArrayEquals(new int[] {4}, val.relevant(0));
    assertEquals(3, val.request(0, new UserRequest(8)).length);
  }

  @Test
  void aShortenedSetKeepsTheLastRowsTargetsAndTimeAsAnAnonymousRequest() {
    EvaluationSet test = new EvaluationSet(split(), EvaluationSet.Part.TEST);
    EvaluationSet last2 = test.withLastRows(2);
    assertEquals(test.size(), last2.size());
    assertEquals(2, last2.lastRows());
    assertArrayEquals(test.relevant(0), last2.relevant(0));
    UserRequest r = last2.request(0, new UserRequest(8));
    assertEquals(2, r.length);
    assertArrayEquals(new int[] {2, 3}, java.util.Arrays.copyOf(r.items, 2)); // rows 3 and 4
    assertEquals(50, r.nowSeconds);
    assertEquals(-1, r.user);
    assertEquals(4, test.withLastRows(10).request(0, new UserRequest(8)).length);
    assertEquals(
        "rows must be >= 1, got 0",
        org.junit.jupiter.api.Assertions.assertThrows(
                IllegalArgumentException.class, () -> test.withLastRows(0))
            .getMessage());
  }

  /** Scores item i as i: the highest index first. */
  static final ItemScorer BY_INDEX =
      new ItemScorer() {
        @Override
        public String name() {
          return "by-index";
        }

        @Override
        public void scoreAll(UserRequest request, float[] out) {
          for (int i = 0; i < out.length; i++) {
            out[i] = i;
          }
        }
      };

  @Test
  void fullRankingNeverReturnsTheHistory() {
    FullRanking f = new FullRanking(BY_INDEX, 6, 10);
    UserRequest r = new UserRequest(4).reset(-1, 0).add(5, 4f, 0).add(3, 4f, 0);
    int[] out = new int[10];
    assertEquals(4, f.recommend(r, 10, out));
    assertArrayEquals(new int[] {4, 2, 1, 0}, java.util.Arrays.copyOf(out, 4));
    // the exclusion marks are cleared for the next request
    assertEquals(3, f.recommend(new UserRequest(1).reset(-1, 0), 3, out));
    assertArrayEquals(new int[] {5, 4, 3}, java.util.Arrays.copyOf(out, 3));
  }

  @Test
  void metricsOfHandMadeListsByHand() {
    OfflineEvaluator ev = new OfflineEvaluator((a, b) -> a == b ? 1 : 0, 10, Bootstrap.of(1L));
    EvaluationSet test = new EvaluationSet(split(), EvaluationSet.Part.TEST);
    // one query, relevant {4}, found at rank 2 of 3
    MetricRow row = ev.score("hand", test, new int[][] {{7, 4, 9}}, new int[][] {{4}}, false);
    assertEquals(1, row.queries());
    assertEquals(0.1, row.precision10(), 1e-12); // 1 hit / k = 10
    assertEquals(1.0, row.recall10(), 1e-12);
    assertEquals(0.5, row.map10(), 1e-12); // precision at the hit's rank
    assertEquals(1 / (Math.log(3) / Math.log(2)), row.ndcg10(), 1e-12);
    assertEquals(1.0, row.diversity10(), 1e-12); // all pairs dissimilar
    assertEquals(0.3, row.coverage10(), 1e-12); // 3 distinct of 10 videos
    assertEquals(Double.NaN, row.recall200());
  }

  @Test
  void evaluatingARecommenderRunsTheSameMetrics() {
    OfflineEvaluator ev = new OfflineEvaluator((a, b) -> 0, 5, Bootstrap.of(1L));
    EvaluationSet test = new EvaluationSet(split(), EvaluationSet.Part.TEST);
    // history {0, 1, 2, 3}: by index, the only other video, 4, comes first
    MetricRow row = ev.evaluate(new FullRanking(BY_INDEX, 5, 200), test, true);
    assertEquals(1.0, row.ndcg10(), 1e-12);
    assertEquals(1.0, row.recall200(), 1e-12);
    assertEquals("by-index", row.name());
  }

  @Test
  void genreJaccardByHand() {
    assertEquals(1.0 / 3, GenreSimilarity.jaccard(0b011, 0b110), 1e-12);
    assertEquals(1.0, GenreSimilarity.jaccard(0, 0), 0);
    assertEquals(0.0, GenreSimilarity.jaccard(0b01, 0b10), 0);
  }
}
