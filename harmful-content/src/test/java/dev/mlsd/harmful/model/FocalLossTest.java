package dev.mlsd.harmful.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.impl.ActivationSigmoid;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.lossfunctions.impl.LossBinaryXENT;

class FocalLossTest {
  private static final float[] Z = {-3f, -0.5f, 0f, 0.7f, 2.5f};
  private static final float[] Y = {1f, 0f, 1f, 1f, 0f};

  private static INDArray column(float[] v) {
    return Nd4j.create(v, new long[] {v.length, 1});
  }

  @Test
  void scoreIsTheFormula() {
    FocalLoss fl = new FocalLoss(0.25, 2.0);
    INDArray scores = fl.computeScoreArray(column(Y), column(Z), new ActivationSigmoid(), null);
    for (int i = 0; i < Z.length; i++) {
      double p = 1 / (1 + Math.exp(-Z[i]));
      double expected =
          Y[i] == 1
              ? -0.25 * Math.pow(1 - p, 2) * Math.log(p)
              : -0.75 * Math.pow(p, 2) * Math.log(1 - p);
      assertEquals(expected, scores.getDouble(i, 0), 1e-6, "row " + i);
    }
  }

  @Test
  void gammaZeroAndHalfAlphaIsHalfTheCrossEntropy() {
    FocalLoss fl = new FocalLoss(0.5, 0.0);
    INDArray a = fl.computeScoreArray(column(Y), column(Z), new ActivationSigmoid(), null);
    INDArray b =
        new LossBinaryXENT().computeScoreArray(column(Y), column(Z), new ActivationSigmoid(), null);
    for (int i = 0; i < Z.length; i++) {
      assertEquals(b.getDouble(i, 0) / 2, a.getDouble(i, 0), 1e-5, "row " + i);
    }
  }

  @Test
  void classWeightedIsWeightedCrossEntropyAtGammaZeroAndItsGradientHolds() {
    FocalLoss fl = FocalLoss.classWeighted(6, 1, 0);
    INDArray a = fl.computeScoreArray(column(Y), column(Z), new ActivationSigmoid(), null);
    INDArray b =
        new LossBinaryXENT().computeScoreArray(column(Y), column(Z), new ActivationSigmoid(), null);
    for (int i = 0; i < Z.length; i++) {
      assertEquals((Y[i] == 1 ? 6 : 1) * b.getDouble(i, 0), a.getDouble(i, 0), 1e-5, "row " + i);
    }
    FocalLoss focal = FocalLoss.classWeighted(3, 0.5, 2);
    double p = 0.3;
    assertEquals(-3 * Math.pow(0.7, 2) * Math.log(0.3), focal.loss(p, 1), 1e-12);
    assertEquals(-0.5 * Math.pow(0.3, 2) * Math.log(0.7), focal.loss(p, 0), 1e-12);
    double h = 1e-6;
    for (double y : new double[] {0, 1}) {
      assertEquals(
          (focal.loss(p + h, y) - focal.loss(p - h, y)) / (2 * h), focal.lossGradient(p, y), 1e-6);
    }
    assertThrows(IllegalArgumentException.class, () -> FocalLoss.classWeighted(0, 1, 0));
  }

  @Test
  void gradientMatchesFiniteDifferencesThroughTheSigmoid() {
    FocalLoss fl = new FocalLoss(0.3, 2.0);
    INDArray mask = column(new float[] {1f, 0.5f, 1f, 2f / 3, 1f});
    INDArray g = fl.computeGradient(column(Y), column(Z), new ActivationSigmoid(), mask);
    double h = 1e-3;
    for (int i = 0; i < Z.length; i++) {
      float[] up = Z.clone();
      float[] down = Z.clone();
      up[i] += (float) h;
      down[i] -= (float) h;
      double su = fl.computeScore(column(Y), column(up), new ActivationSigmoid(), mask, false);
      double sd = fl.computeScore(column(Y), column(down), new ActivationSigmoid(), mask, false);
      assertEquals((su - sd) / (2 * h), g.getDouble(i, 0), 2e-3, "row " + i);
    }
  }

  @Test
  void closedFormGradientMatchesItsOwnFormulaNumerically() {
    FocalLoss fl = new FocalLoss(0.25, 2.0);
    for (double p : new double[] {0.01, 0.2, 0.5, 0.8, 0.99}) {
      for (double y : new double[] {0, 1}) {
        double h = 1e-6;
        double numeric = (fl.loss(p + h, y) - fl.loss(p - h, y)) / (2 * h);
        assertEquals(numeric, fl.lossGradient(p, y), 1e-4 * Math.max(1, Math.abs(numeric)));
      }
    }
  }

  @Test
  void aMaskWeighsEachExample() {
    FocalLoss fl = new FocalLoss(0.5, 2.0);
    INDArray full = fl.computeScoreArray(column(Y), column(Z), new ActivationSigmoid(), null);
    INDArray half =
        fl.computeScoreArray(
            column(Y),
            column(Z),
            new ActivationSigmoid(),
            column(new float[] {0.5f, 0.5f, 0.5f, 0.5f, 0.5f}));
    for (int i = 0; i < Z.length; i++) {
      assertEquals(full.getDouble(i, 0) / 2, half.getDouble(i, 0), 1e-7);
    }
  }
}
