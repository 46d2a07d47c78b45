package dev.mlsd.recommendation.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.mlsd.recommendation.data.Interactions;
import dev.mlsd.recommendation.data.TimeSplit;
import dev.mlsd.recommendation.features.UserRequest;
import org.junit.jupiter.api.Test;

/** Item-kNN and trending on fixtures small enough to work out by hand. */
class ItemKnnAndTrendingTest {

  /** Users u0 {0, 1}, u1 {0, 1, 2}, u2 {2, 3}; watches per item 2, 2, 2, 1. */
  static FeedbackMatrix threeUsers() {
    return new FeedbackMatrix(
        3,
        4,
        new int[] {0, 2, 5, 7},
        new int[] {0, 1, 0, 1, 2, 2, 3},
        new float[] {1, 1, 1, 1, 1, 1, 1});
  }

  static UserRequest history(int... items) {
    UserRequest r = new UserRequest(8);
    r.reset(-1, 0);
    for (int i : items) {
      r.add(i, 4f, 0);
    }
    return r;
  }

  @Test
  void itemKnnIsCosineOnCoOccurrenceByHand() {
    // co(0,1) = 2 -> 2 / sqrt(2 * 2) = 1; co(0,2) = co(1,2) = 1 -> 0.5; co(2,3) = 1 -> 1/sqrt(2)
    ItemKnnModel knn = new ItemKnnModel(threeUsers(), 2);
    float[] out = new float[4];
    knn.scoreAll(history(0), out);
    // item 0 keeps its 2 best: 1 (1.0) and 2 (0.5)
    assertArrayEquals(new float[] {0f, 1f, 0.5f, 0f}, out, 1e-6f);
    // item 3's neighbours: 2 (0.7071), then nothing else co-occurs
    knn.scoreAll(history(0, 3), out);
    float root = (float) (1 / Math.sqrt(2));
    assertArrayEquals(new float[] {0f, 1f, 0.5f + root, 0f}, out, 1e-6f);
    assertEquals(0.5f + root, knn.score(history(0, 3), 2), 1e-6f);
    assertEquals(0f, knn.score(history(0, 3), 3), 0f);
  }

  @Test
  void itemKnnKeepsTheBestNeighboursTiesByIndex() {
    // item 2: 3 (0.7071), then 0 and 1 tie at 0.5; with one slot left, 0 wins
    ItemKnnModel knn = new ItemKnnModel(threeUsers(), 2);
    float[] out = new float[4];
    knn.scoreAll(history(2), out);
    assertArrayEquals(new float[] {0.5f, 0f, 0f, (float) (1 / Math.sqrt(2))}, out, 1e-6f);
    ItemKnnModel one = new ItemKnnModel(threeUsers(), 1);
    one.scoreAll(history(2), out);
    assertArrayEquals(new float[] {0f, 0f, 0f, (float) (1 / Math.sqrt(2))}, out, 1e-6f);
    assertThrows(IllegalArgumentException.class, () -> new ItemKnnModel(threeUsers(), 0));
  }

  /**
   * Two users with five rows each; the split keeps the first three as training (last one test, one
   * validation). Training rows by time: (10, item 0), (15, 1), (20, 1), (25, 2), (30, 2), (35, 3).
   */
  static TimeSplit twoUsers() {
    Interactions log =
        new Interactions(
            new int[] {100, 200},
            new int[] {0, 5, 10},
            new int[] {0, 1, 2, 3, 0, 1, 2, 3, 0, 0},
            new float[] {4, 4, 4, 4, 4, 4, 4, 4, 4, 4},
            new long[] {10, 20, 30, 40, 50, 15, 25, 35, 45, 55});
    return new TimeSplit(log, new TimeSplit.Params(0.2, 0.1, 0.0, 1, 1L));
  }

  @Test
  void trendingCountsTheLastWindowOfTrainingRowsBeforeNow() {
    TimeSplit split = twoUsers();
    assertEquals(3, split.trainEnd(0));
    PopularityModel pop = new PopularityModel(FeedbackMatrix.training(split, 4));
    // watches 1, 2, 2, 1: ties are broken by half the normalised popularity, 0.25 or 0.5
    TrendingModel trending = new TrendingModel(split, 4, 2, pop);
    float[] out = new float[4];
    UserRequest r = history();
    r.nowSeconds = 30; // rows strictly before 30: the last two are (20, 1) and (25, 2)
    trending.scoreAll(r, out);
    assertArrayEquals(new float[] {0.25f, 1.5f, 1.5f, 0.25f}, out, 1e-5f);
    r.nowSeconds = 5; // nothing before: only the tie-break
    trending.scoreAll(r, out);
    assertArrayEquals(new float[] {0.25f, 0.5f, 0.5f, 0.25f}, out, 1e-5f);
    TrendingModel wide = new TrendingModel(split, 4, 3, pop);
    r.nowSeconds = 100; // the last three: (25, 2), (30, 2), (35, 3)
    wide.scoreAll(r, out);
    assertArrayEquals(new float[] {0.25f, 0.5f, 2.5f, 1.25f}, out, 1e-5f);
    assertThrows(IllegalArgumentException.class, () -> new TrendingModel(split, 4, 0, pop));
  }
}
