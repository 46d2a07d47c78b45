package dev.mlsd.recommendation.evaluation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mlsd.recommendation.SyntheticMovieLens;
import dev.mlsd.recommendation.data.MovieLensData;
import dev.mlsd.recommendation.data.TimeSplit;
import dev.mlsd.recommendation.model.FeedbackMatrix;
import dev.mlsd.recommendation.model.TrainingProgress;
import dev.mlsd.recommendation.model.TwoTowerModel;
import dev.mlsd.recommendation.model.Wals;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The two-tower's video-tower input, chosen on validation. */
class TowerSelectionTest {

  private static final TrainingProgress QUIET =
      new TrainingProgress() {
        @Override
        public void line(String text) {}

        @Override
        public java.util.function.LongConsumer begin(String label, long total) {
          return done -> {};
        }

        @Override
        public void end() {}
      };

  @Test
  void keepsTheOptionWithTheBetterValidationScoreAndLogsBothWithTheirEpochs() throws Exception {
    MovieLensData data = SyntheticMovieLens.create(120, 400, 40, 9);
    TimeSplit split = new TimeSplit(data.interactions(), TimeSplit.Params.defaults());
    FeedbackMatrix m = FeedbackMatrix.training(split, data.catalog().size());
    Wals wals = Wals.train(m, new Wals.Params(8, 10, 0.2, 3, 1), (s, o) -> {});
    TwoTowerModel.Params p = new TwoTowerModel.Params(16, 8, 4, 20, 2, 64, 2e-3, true, 3);
    TowerSelection t =
        TowerSelection.choose(
            split, data.catalog(), List.of(), wals, p, new boolean[] {false, true}, QUIET);
    assertEquals(2, t.log().size());
    double without = score(t.log().get(0));
    double with = score(t.log().get(1));
    assertEquals(with > without, t.walsInput(), t.log().toString());
    assertEquals(
        t.walsInput() ? wals.factors() : 0, t.features().videoFeatures().embeddingDimension());
    assertTrue(t.scorer().dimension() == 8);
    assertTrue(t.epoch() >= 1 && t.epoch() <= 2);
    String kept = t.log().get(t.walsInput() ? 1 : 0);
    assertTrue(kept.contains("epoch " + t.epoch() + " of 2 kept"), kept);
  }

  @Test
  void refusesAnEmptyListOfOptions() throws Exception {
    MovieLensData data = SyntheticMovieLens.create(30, 100, 10, 9);
    TimeSplit split = new TimeSplit(data.interactions(), TimeSplit.Params.defaults());
    FeedbackMatrix m = FeedbackMatrix.training(split, data.catalog().size());
    Wals wals = Wals.train(m, new Wals.Params(4, 10, 0.2, 1, 1), (s, o) -> {});
    assertThrows(
        IllegalArgumentException.class,
        () ->
            TowerSelection.choose(
                split,
                data.catalog(),
                List.of(),
                wals,
                TwoTowerModel.Params.defaults(),
                new boolean[0],
                QUIET));
  }

  private static double score(String line) {
    return Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
  }
}
