package dev.mlsd.recommendation.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.mlsd.recommendation.RecommendationSystem;
import dev.mlsd.recommendation.TrainedFixture;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The served (exported) ranker against DL4J's own forward pass: the exact twins. (The two-tower
 * model is trained in plain Java; its twin test is {@link TwoTowerModelTest}.)
 */
class ExportParityTest {
  @Test
  void rankerExportMatchesDl4jOnStandardisedRows() {
    RecommendationSystem s = TrainedFixture.system();
    RankerTrainer.Trained r = s.ranker();
    int width = r.mean().length;
    int rows = 50;
    SplittableRandom rnd = new SplittableRandom(3);
    float[] x = new float[rows * width];
    float[] std = new float[rows * width];
    for (int i = 0; i < x.length; i++) {
      x[i] = (float) rnd.nextGaussian();
      int j = i % width;
      std[i] = (x[i] - r.mean()[j]) / r.std()[j];
    }
    float[] expected =
        r.network()
            .output(Nd4j.create(std, new long[] {rows, width}, 'c'))
            .castTo(org.nd4j.linalg.api.buffer.DataType.FLOAT)
            .dup('c')
            .data()
            .asFloat();
    float[] actual = new float[rows];
    r.exported().score(x, rows, actual, r.exported().newScratch(rows));
    for (int i = 0; i < rows; i++) {
      assertEquals(expected[i], actual[i], 1e-5f, "row " + i);
    }
  }
}
