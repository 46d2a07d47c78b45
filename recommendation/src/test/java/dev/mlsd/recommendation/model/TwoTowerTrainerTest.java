package dev.mlsd.recommendation.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The trainer: deterministic, learning, and keeping its best epoch on validation. */
class TwoTowerTrainerTest {
  @TempDir Path dir;

  private static TwoTowerTrainer.Trained train(
      TwoTowerModel.Params p,
      java.util.function.ToDoubleFunction<TwoTowerModel> validation,
      Path to) {
    return TwoTowerTrainer.train(
        TinyTowers.examples(200, 4),
        TinyTowers.videoTable(2),
        TinyTowers.VIDEO_WIDTH,
        p,
        validation,
        to,
        TrainingProgress.silent());
  }

  @Test
  void theSameSeedGivesTheSameTowersBitForBit() {
    TwoTowerModel a = train(TinyTowers.params(3, 16, 5), m -> 0, null).model();
    TwoTowerModel b = train(TinyTowers.params(3, 16, 5), m -> 0, null).model();
    TwoTowerModel c = train(TinyTowers.params(3, 16, 6), m -> 0, null).model();
    for (int k = 0; k < a.weights().length; k++) {
      assertArrayEquals(a.weights()[k], b.weights()[k], "block " + k);
    }
    assertFalse(java.util.Arrays.equals(a.weights()[0], c.weights()[0]));
  }

  @Test
  void theLossFallsOnLearnableExamples() {
    double[] losses = train(TinyTowers.params(20, 16, 5), m -> 0, null).losses();
    assertTrue(losses[19] < 0.7 * losses[0], java.util.Arrays.toString(losses));
  }

  @Test
  void keepsTheBestValidationEpochAndServesWhatWasSaved() throws Exception {
    double[] scripted = {0.10, 0.30, 0.20, 0.25};
    List<TwoTowerModel> snapshots = new ArrayList<>();
    Path file = dir.resolve("best.mlsd");
    TwoTowerTrainer.Trained t =
        train(
            TinyTowers.params(4, 16, 5),
            m -> {
              snapshots.add(m.copy());
              return scripted[snapshots.size() - 1];
            },
            file);
    assertEquals(2, t.bestEpoch());
    assertArrayEquals(scripted, t.validation());
    for (int k = 0; k < t.model().weights().length; k++) {
      assertArrayEquals(snapshots.get(1).weights()[k], t.model().weights()[k], "block " + k);
    }
    assertFalse(
        java.util.Arrays.equals(snapshots.get(3).weights()[0], t.model().weights()[0]),
        "training went on after the kept epoch");
    TwoTowerModel onDisk = TwoTowerModel.load(file);
    assertArrayEquals(t.model().weights()[5], onDisk.weights()[5]);
  }

  @Test
  void theTemporaryCheckpointIsRemoved() throws Exception {
    long before;
    try (var s = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
      before = s.filter(f -> f.getFileName().toString().startsWith("two-tower")).count();
    }
    train(TinyTowers.params(1, 16, 5), m -> 0, null);
    try (var s = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
      assertEquals(
          before, s.filter(f -> f.getFileName().toString().startsWith("two-tower")).count());
    }
  }

  @Test
  void refusesFewerThanTwoExamples() {
    TwoTowerExamples one = new TwoTowerExamples(new float[5], new int[1], 1, 5);
    assertThrows(
        IllegalArgumentException.class,
        () ->
            TwoTowerTrainer.train(
                one,
                TinyTowers.videoTable(2),
                TinyTowers.VIDEO_WIDTH,
                TinyTowers.params(1, 16, 5),
                m -> 0,
                null,
                TrainingProgress.silent()));
  }
}
