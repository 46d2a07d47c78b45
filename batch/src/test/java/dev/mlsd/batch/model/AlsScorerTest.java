package dev.mlsd.batch.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.mlsd.batch.SparkTestSession;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.ml.recommendation.ALSModel;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;

/**
 * {@link AlsScorer}'s fold-in is ALS's own user half-step: folding a training user's rows in gives
 * back the user factor Spark trained (a tiny seeded matrix, so the test is fast).
 */
class AlsScorerTest {
  @Test
  void foldingATrainingUserInReproducesItsAlsFactor() {
    SparkSession spark = SparkTestSession.get();
    int users = 30;
    int items = 40;
    java.util.SplittableRandom rnd = new java.util.SplittableRandom(5);
    List<Row> rows = new ArrayList<>();
    List<List<int[]>> byUser = new ArrayList<>();
    int row = 0;
    for (int u = 0; u < users; u++) {
      List<int[]> mine = new ArrayList<>();
      for (int i = 0; i < items; i++) {
        if (rnd.nextInt(4) == 0 || i == u % items) {
          float rating = rnd.nextBoolean() ? 5f : 3f;
          rows.add(
              RowFactory.create(row++, u, i, rating, rating >= 4 ? 2f : 1f, (long) (u * 100 + i)));
          mine.add(new int[] {i, (int) rating});
        }
      }
      byUser.add(mine);
    }
    Dataset<Row> training =
        spark.createDataFrame(rows, dev.mlsd.batch.data.RatingFrames.sparkSchema());
    AlsTraining als = new AlsTraining(4, 10, 0.1, 2.0, 1L);
    ALSModel model = als.fit(training);
    float[] factors = AlsTraining.itemFactors(model, items);
    AlsScorer scorer = new AlsScorer(factors, 4, 0.1, 2.0);
    var req = new dev.mlsd.recommendation.features.UserRequest(64);
    for (Row r : model.userFactors().collectAsList()) {
      int u = r.getInt(0);
      List<Float> expected = r.getList(1);
      req.reset(u, 0);
      for (int[] h : byUser.get(u)) {
        req.add(h[0], h[1], 0);
      }
      float[] got = scorer.userVector(req);
      for (int j = 0; j < 4; j++) {
        // the item half-step ran after the user one: a fresh user solve against the final items
        // is what ALS's next sweep would give, close to the stored factor after 10 sweeps
        assertEquals(expected.get(j), got[j], 2e-2f, "user " + u + " factor " + j);
      }
    }
  }

  @Test
  void badParametersAreRefused() {
    assertThrows(IllegalArgumentException.class, () -> new AlsTraining(0, 10, 0.1, 1, 1));
    assertThrows(IllegalArgumentException.class, () -> new AlsTraining(8, 10, 0.1, 0, 1));
  }
}
