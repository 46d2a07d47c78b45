package dev.mlsd.recommendation.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The hand-written backward pass of both towers against finite differences of the loss. */
class TwoTowerBackpropTest {

  @Test
  void everyWeightsGradientMatchesFiniteDifferences() {
    TwoTowerModel model =
        TwoTowerModel.initial(
            TinyTowers.USER_WIDTH,
            TinyTowers.VIDEO_WIDTH,
            TinyTowers.ITEMS,
            TinyTowers.params(1, 4, 3),
            11);
    float[][] w = model.weights();
    SplittableRandom r = new SplittableRandom(17);
    for (float[] block : w) {
      for (int i = 0; i < block.length; i++) {
        block[i] += (float) (0.3 * r.nextGaussian()); // biases away from 0, ReLUs off their kinks
      }
    }
    int b = 4;
    TwoTowerBackprop pass = new TwoTowerBackprop(model, TinyTowers.videoTable(2), b);
    for (int i = 0; i < b * TinyTowers.USER_WIDTH; i++) {
      pass.userX[i] = (float) r.nextGaussian();
    }
    int[] items = {0, 3, 3, 5}; // a repeated video: its ID row gets two rows' gradient
    System.arraycopy(items, 0, pass.items, 0, b);
    LogQCorrection q = LogQCorrection.of(new int[] {0, 3, 3, 3, 5, 1}, TinyTowers.ITEMS);
    InBatchSoftmax loss = new InBatchSoftmax(b);
    int d = model.dimension();
    float[] du = new float[b * d];
    float[] dv = new float[b * d];
    float[][] grads = new float[w.length][];
    for (int k = 0; k < w.length; k++) {
      grads[k] = new float[w[k].length];
    }
    pass.forward(b);
    loss.lossAndGradient(pass.u, pass.v, pass.items, b, d, q, du, dv);
    pass.backward(du, dv, b, grads);

    double eps = 1e-3;
    int checked = 0;
    for (int k = 0; k < w.length; k++) {
      for (int i = 0; i < w[k].length; i++) {
        float keep = w[k][i];
        w[k][i] = (float) (keep + eps);
        pass.forward(b);
        double plus = loss.lossAndGradient(pass.u, pass.v, pass.items, b, d, q, du, dv);
        w[k][i] = (float) (keep - eps);
        pass.forward(b);
        double minus = loss.lossAndGradient(pass.u, pass.v, pass.items, b, d, q, du, dv);
        w[k][i] = keep;
        double numeric = (plus - minus) / (2 * eps);
        assertEquals(
            numeric, grads[k][i], 5e-4 + 0.02 * Math.abs(numeric), "block " + k + " entry " + i);
        checked++;
      }
    }
    assertEquals(94, checked);
    // rows of the ID embedding not in the batch get no gradient
    for (int item : new int[] {1, 2, 4}) {
      for (int j = 0; j < model.idDimension(); j++) {
        assertEquals(0f, grads[4][item * model.idDimension() + j]);
      }
    }
    assertTrue(grads[4][3 * model.idDimension()] != 0f);
  }
}
