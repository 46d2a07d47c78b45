package dev.mlsd.recommendation.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mlsd.core.inference.InferenceGraph;
import dev.mlsd.recommendation.RecommendationSystem;
import dev.mlsd.recommendation.TrainedFixture;
import dev.mlsd.recommendation.features.UserRequest;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.factory.Nd4j;

/** The served (exported) models against DL4J's own forward pass: the exact twins. */
class ExportParityTest {
  @Test
  void userTowerExportMatchesDl4j() {
    RecommendationSystem s = TrainedFixture.system();
    TwoTowerModel model = s.towerModel();
    var features = s.service().models().features();
    int width = model.userWidth();
    var log = s.split().interactions();
    int rows = Math.min(20, log.userCount());
    float[] x = new float[rows * width];
    float[] row = new float[width];
    UserRequest req = new UserRequest(64);
    for (int u = 0; u < rows; u++) {
      req.fill(log, u, log.start(u), log.end(u) - 1, log.timestamp(log.end(u) - 1));
      features.encodeUser(req, row);
      System.arraycopy(row, 0, x, u * width, width);
    }
    float[] expected = model.userEmbeddingsDl4j(x, rows);
    InferenceGraph exported = TwoTowerScorer.exportUserTower(model);
    float[] actual = new float[rows * exported.outputWidth()];
    exported.score(x, rows, actual, exported.newScratch(rows));
    assertEquals(expected.length, actual.length);
    double maxErr = 0;
    double maxAbs = 0;
    for (int i = 0; i < expected.length; i++) {
      maxErr = Math.max(maxErr, Math.abs(expected[i] - actual[i]));
      maxAbs = Math.max(maxAbs, Math.abs(expected[i]));
    }
    assertTrue(maxAbs > 0, "the tower outputs only zeros");
    assertTrue(maxErr <= 1e-4 * Math.max(1, maxAbs), "max abs error " + maxErr);
  }

  @Test
  void servedTwoTowerScoreRanksLikeDl4jsHead() {
    // the folded dot product differs from DL4J's logit only by the head's constant bias
    RecommendationSystem s = TrainedFixture.system();
    TwoTowerModel model = s.towerModel();
    TwoTowerScorer scorer = s.service().models().tower().copyForThread();
    var log = s.split().interactions();
    UserRequest req = new UserRequest(64);
    req.fill(log, 0, log.start(0), log.end(0), log.timestamp(log.end(0) - 1));
    float[] u = scorer.userVector(req).clone();
    float[] userRow = new float[model.userWidth()];
    s.service().models().features().encodeUser(req, userRow);
    float[] video = s.service().models().features().videoFeatures().table();
    int d = scorer.dimension();
    int iw = s.service().models().features().videoFeatures().dimension();
    double offset = Double.NaN;
    for (int item = 0; item < 10; item++) {
      float served = 0;
      for (int j = 0; j < d; j++) {
        served += u[j] * scorer.itemEmbeddings()[item * d + j];
      }
      var in =
          new org.nd4j.linalg.api.ndarray.INDArray[] {
            Nd4j.create(userRow, new long[] {1, userRow.length}, 'c'),
            Nd4j.create(
                java.util.Arrays.copyOfRange(video, item * iw, item * iw + iw),
                new long[] {1, iw},
                'c'),
            Nd4j.create(new float[] {item}, new long[] {1, 1}, 'c')
          };
      double p = model.graph().output(in)[0].getDouble(0);
      double logit = Math.log(p / (1 - p));
      if (Double.isNaN(offset)) {
        offset = logit - served;
      }
      assertEquals(offset, logit - served, 1e-3, "item " + item);
    }
  }

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
