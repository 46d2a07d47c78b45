package dev.mlsd.recommendation.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mlsd.recommendation.SyntheticMovieLens;
import dev.mlsd.recommendation.data.Interactions;
import dev.mlsd.recommendation.data.MovieLensData;
import dev.mlsd.recommendation.data.TimeSplit;
import dev.mlsd.recommendation.features.FeaturePipeline;
import dev.mlsd.recommendation.features.UserFeatures;
import dev.mlsd.recommendation.features.UserRequest;
import dev.mlsd.recommendation.features.VideoFeatures;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The two-tower's sequential examples: the history before each training watch, its video next. */
class TwoTowerExamplesTest {

  @Test
  void eachExampleIsTheHistoryBeforeATrainingWatchEncodedAsServingDoes() throws Exception {
    MovieLensData data = SyntheticMovieLens.create(20, 50, 15, 3);
    TimeSplit split = new TimeSplit(data.interactions(), TimeSplit.Params.defaults());
    FeedbackMatrix m = FeedbackMatrix.training(split, data.catalog().size());
    Wals wals = Wals.train(m, new Wals.Params(4, 10, 0.2, 1, 1), (s, o) -> {});
    FeaturePipeline features =
        new FeaturePipeline(
            new VideoFeatures(data.catalog(), List.of()),
            new UserFeatures(data.catalog(), wals.itemFactors(), wals.factors()));
    Interactions log = split.interactions();
    TwoTowerExamples all = TwoTowerExamples.build(split, features, 1000, 5);
    float[] row = new float[all.userWidth()];
    UserRequest req = new UserRequest(64);
    int t = 0;
    for (int u = 0; u < log.userCount(); u++) {
      for (int r = log.start(u) + 1; r < split.trainEnd(u); r++) {
        req.fill(log, u, log.start(u), r, log.timestamp(r));
        features.encodeUser(req, row);
        assertEquals(log.item(r), all.items()[t], "example " + t);
        float[] x = Arrays.copyOfRange(all.userX(), t * row.length, (t + 1) * row.length);
        assertArrayEquals(row, x, "example " + t);
        t++;
      }
    }
    assertEquals(t, all.count());
    assertTrue(t > 0);

    TwoTowerExamples capped = TwoTowerExamples.build(split, features, 3, 5);
    int expected = 0;
    for (int u = 0; u < log.userCount(); u++) {
      expected += Math.max(0, Math.min(split.trainEnd(u) - log.start(u) - 1, 3));
    }
    assertEquals(expected, capped.count());
    assertTrue(capped.count() < all.count());
  }
}
