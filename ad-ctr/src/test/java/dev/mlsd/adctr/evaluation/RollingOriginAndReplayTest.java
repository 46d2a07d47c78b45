package dev.mlsd.adctr.evaluation;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mlsd.adctr.features.EncodedRows;
import dev.mlsd.adctr.model.ClickModel;
import dev.mlsd.adctr.model.FtrlLogisticRegression;
import dev.mlsd.adctr.model.ModelSpec;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Rolling-origin evaluation and the continual-learning replay on hand-made rows. */
class RollingOriginAndReplayTest {

  /**
   * {@code n} rows alternating click / no click; row i's one linear id is {@code 1} for a click and
   * {@code 2} otherwise, or the reverse from row {@code flipAt} on (a concept drift); dense[0] is
   * the label as 0 / 1.
   */
  static EncodedRows rows(int n, int flipAt) {
    int[][] ids = new int[n][];
    int[][] linear = new int[n][];
    float[][] dense = new float[n][];
    String[][] cat = new String[n][];
    boolean[] y = new boolean[n];
    for (int i = 0; i < n; i++) {
      y[i] = i % 2 == 0;
      boolean signal = i < flipAt ? y[i] : !y[i];
      ids[i] = new int[] {signal ? 1 : 2};
      linear[i] = new int[] {signal ? 1 : 2};
      dense[i] = new float[] {y[i] ? 1f : 0f};
      cat[i] = new String[0];
    }
    return new EncodedRows(ids, linear, dense, cat, y);
  }

  /** A model that predicts a fixed function of the row: dense[0] (an oracle) or 0.3 (constant). */
  static ClickModel model(String name, boolean oracle) {
    return new ClickModel() {
      @Override
      public String name() {
        return name;
      }

      @Override
      public float[] predict(EncodedRows r) {
        float[] p = new float[r.size()];
        for (int i = 0; i < p.length; i++) {
          p[i] = oracle ? 0.1f + 0.8f * r.dense()[i][0] : 0.3f;
        }
        return p;
      }
    };
  }

  @Test
  void everyOriginTrainsOnItsPastAndThePredictionsArePooled() {
    List<int[]> calls = new ArrayList<>();
    ModelSpec constant =
        new ModelSpec(
            "constant",
            false,
            "",
            (train, val, seed, progress) -> {
              calls.add(new int[] {train.size(), val.size()});
              return model("constant", false);
            });
    ModelSpec oracle =
        new ModelSpec("oracle", false, "", (train, val, seed, progress) -> model("oracle", true));
    List<RollingOriginEvaluation.Result> r =
        RollingOriginEvaluation.run(List.of(constant, oracle), rows(100, 100), 5, 7L, w -> {});
    // 5 chunks of 20: origins at 20, 40, 60, 80, each holding its last tenth out for validation
    assertEquals(4, calls.size());
    assertArrayEquals(new int[] {18, 2}, calls.get(0));
    assertArrayEquals(new int[] {36, 4}, calls.get(1));
    assertArrayEquals(new int[] {54, 6}, calls.get(2));
    assertArrayEquals(new int[] {72, 8}, calls.get(3));
    // the pool is everything after the first chunk
    assertEquals(80, r.get(0).rows());
    assertEquals("constant", r.get(0).name());
    assertEquals(0.5, r.get(0).auc().estimate(), 1e-12); // all ties
    assertNull(r.get(0).aucMinusBaseline()); // the first spec is the baseline
    assertEquals(1.0, r.get(1).auc().estimate(), 1e-12);
    assertEquals(0.5, r.get(1).aucMinusBaseline().estimate(), 1e-12);
    assertTrue(r.get(1).logLoss() < r.get(0).logLoss());
    assertThrows(
        IllegalArgumentException.class,
        () -> RollingOriginEvaluation.run(List.of(constant), rows(15, 15), 2, 7L, w -> {}));
  }

  @Test
  void fineTuningFollowsADriftTheFrozenModelMissesAndForgetsTheFirstChunk() {
    // the meaning of ids 1 and 2 flips after the first of four chunks
    EncodedRows train = rows(400, 100);
    FtrlLogisticRegression.Params p = new FtrlLogisticRegression.Params(0.5, 1.0, 0.0, 0.0, 1);
    ContinualLearningReplay.Result r = ContinualLearningReplay.run(train, 4, 4, p);
    assertEquals(4, r.chunks());
    assertEquals(3, r.fineTunedLogLoss().length);
    // the frozen model learned chunk 0 only, so it is confidently wrong on every later chunk
    for (int i = 0; i < 3; i++) {
      assertEquals(0.0, r.frozenAuc()[i], 1e-12, "frozen ranks every later chunk backwards");
    }
    // after two chunks of the new meaning against one of the old, the fine-tuned model has it
    assertEquals(1.0, r.fineTunedAuc()[2], 1e-12);
    assertTrue(
        ContinualLearningReplay.Result.mean(r.fineTunedLogLoss())
            < ContinualLearningReplay.Result.mean(r.frozenLogLoss()));
    // catastrophic forgetting: chunk 0, learned first, is now predicted backwards
    assertTrue(r.firstChunkLogLossAtEnd() > r.firstChunkLogLossAfterFirst() + 0.5, r.table());
    assertThrows(
        IllegalArgumentException.class, () -> ContinualLearningReplay.run(rows(15, 15), 2, 4, p));
  }
}
