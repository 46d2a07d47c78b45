package dev.mlsd.batch.features;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mlsd.batch.SparkTestSession;
import dev.mlsd.batch.data.RatingFrames;
import dev.mlsd.recommendation.RecommendationSystem;
import dev.mlsd.recommendation.data.MovieLensData;
import dev.mlsd.recommendation.data.MovieLensLoader;
import dev.mlsd.recommendation.data.TimeSplit;
import dev.mlsd.recommendation.features.UserRequest;
import dev.mlsd.recommendation.model.FeedbackMatrix;
import dev.mlsd.recommendation.model.ItemKnnModel;
import dev.mlsd.recommendation.model.PopularityModel;
import dev.mlsd.recommendation.model.TrendingModel;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The Spark counts equal the recommendation module's in-process models on MovieLens with the
 * module's split: popularity, trending as of a time, and item-kNN's co-occurrence neighbour lists.
 */
class RecommendationCountsParityTest {
  static MovieLensData data;
  static TimeSplit split;
  static FeedbackMatrix matrix;
  static Dataset<Row> training;
  static RecommendationSystem.Params params;

  @BeforeAll
  static void load() throws Exception {
    data = MovieLensLoader.load();
    params = RecommendationSystem.Params.defaults();
    split = new TimeSplit(data.interactions(), params.split());
    matrix = FeedbackMatrix.training(split, data.catalog().size());
    training = RatingFrames.training(SparkTestSession.get(), split, 4).cache();
  }

  @Test
  void popularityCountsEqualTheTrainingMatrix() {
    int[] expected = matrix.itemCounts();
    int[] got = new int[expected.length];
    for (Row r : PopularityCounts.popularity(training).collectAsList()) {
      got[r.getInt(0)] = (int) r.getLong(1);
    }
    for (int i = 0; i < expected.length; i++) {
      assertEquals(expected[i], got[i], "watchers of item " + i);
    }
  }

  @Test
  void trendingCountsEqualTheTrendingModel() {
    int n = data.catalog().size();
    TrendingModel trending =
        new TrendingModel(split, n, params.trendingWindow(), new PopularityModel(matrix));
    long now = split.validationTime(0);
    UserRequest req = new UserRequest(1).reset(-1, now);
    float[] scores = new float[n];
    trending.scoreAll(req, scores);
    int[] got = new int[n];
    long total = 0;
    for (Row r :
        PopularityCounts.trending(training, now, params.trendingWindow()).collectAsList()) {
      got[r.getInt(0)] = (int) r.getLong(1);
      total += r.getLong(1);
    }
    assertEquals(params.trendingWindow(), total);
    for (int i = 0; i < n; i++) {
      // the model adds a popularity tie-break in (-1e-6, 0.5] to each count
      assertEquals((int) Math.floor(scores[i] + 0.25f), got[i], "trending count of item " + i);
    }
  }

  /**
   * On the users with at most {@value #LIGHT_USER_ROWS} training rows (three quarters of them): the
   * self-join costs the square of a history, and the heaviest users would make this test take
   * minutes on two cores; the CLI job runs on everyone (module README).
   */
  @Test
  void coOccurrenceNeighboursEqualItemKnn() {
    int n = data.catalog().size();
    int m = params.knnNeighbours();
    var log = split.interactions();
    List<Integer> light = new java.util.ArrayList<>();
    for (int u = 0; u < log.userCount(); u++) {
      if (split.trainEnd(u) - log.start(u) <= LIGHT_USER_ROWS) {
        light.add(u);
      }
    }
    ItemKnnModel knn = new ItemKnnModel(matrixOf(light, n), m);
    Dataset<Row> lightRows = training.where(training.col("user").isin(light.toArray()));
    float[][] sims = new float[n][];
    int[][] nbrs = new int[n][];
    for (Row r : new ItemCoOccurrence(m).neighbours(lightRows).collectAsList()) {
      int i = r.getInt(0);
      if (sims[i] == null) {
        sims[i] = new float[m];
        nbrs[i] = new int[m];
        java.util.Arrays.fill(nbrs[i], -1);
      }
      int rank = r.getInt(3);
      nbrs[i][rank - 1] = r.getInt(1);
      sims[i][rank - 1] = r.getFloat(2);
    }
    float[] scores = new float[n];
    UserRequest req = new UserRequest(1);
    int compared = 0;
    for (int h = 0; h < n; h++) {
      req.reset(-1, 0).add(h, 4f, 0);
      knn.scoreAll(req, scores);
      int expectedCount = 0;
      for (float s : scores) {
        if (s != 0) {
          expectedCount++;
        }
      }
      int gotCount = 0;
      if (nbrs[h] != null) {
        for (int t = 0; t < m && nbrs[h][t] >= 0; t++) {
          assertEquals(scores[nbrs[h][t]], sims[h][t], 1e-7f, "sim of " + h + " to " + nbrs[h][t]);
          gotCount++;
        }
      }
      assertEquals(expectedCount, gotCount, "neighbours of item " + h);
      compared += gotCount;
    }
    assertTrue(compared > n, "neighbour lists compared: " + compared);
  }

  static final int LIGHT_USER_ROWS = 200;

  /** The training matrix of some users only (same rule as FeedbackMatrix.training). */
  static FeedbackMatrix matrixOf(List<Integer> users, int items) {
    var log = split.interactions();
    int[] start = new int[log.userCount() + 1];
    List<Integer> cols = new java.util.ArrayList<>();
    java.util.Set<Integer> keep = new java.util.HashSet<>(users);
    for (int u = 0; u < log.userCount(); u++) {
      start[u] = cols.size();
      if (keep.contains(u)) {
        java.util.TreeSet<Integer> mine = new java.util.TreeSet<>();
        for (int r = log.start(u); r < split.trainEnd(u); r++) {
          mine.add(log.item(r));
        }
        cols.addAll(mine);
      }
    }
    start[log.userCount()] = cols.size();
    int[] c = cols.stream().mapToInt(Integer::intValue).toArray();
    float[] w = new float[c.length];
    java.util.Arrays.fill(w, 1f);
    return new FeedbackMatrix(log.userCount(), items, start, c, w);
  }
}
