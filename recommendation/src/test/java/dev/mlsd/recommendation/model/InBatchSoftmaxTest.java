package dev.mlsd.recommendation.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The in-batch softmax: its value by hand, its gradient against finite differences. */
class InBatchSoftmaxTest {

  @Test
  void lossOfATwoRowBatchMatchesTheHandComputedValue() {
    // u0 = (1, 0), u1 = (0, 1); v0 = (2, 0), v1 = (0, 1): logits row 0 = (2, 0), row 1 = (0, 1)
    float[] u = {1, 0, 0, 1};
    float[] v = {2, 0, 0, 1};
    double loss =
        new InBatchSoftmax(2)
            .lossAndGradient(
                u, v, new int[] {0, 1}, 2, 2, LogQCorrection.none(2), new float[4], new float[4]);
    double row0 = -Math.log(Math.exp(2) / (Math.exp(2) + 1));
    double row1 = -Math.log(Math.exp(1) / (1 + Math.exp(1)));
    assertEquals((row0 + row1) / 2, loss, 1e-6);
  }

  @Test
  void logQSubtractsEachColumnsLogProbabilityFromItsLogit() {
    // items 0 (3 of 4 examples) and 1 (1 of 4): log Q = log 0.75, log 0.25
    LogQCorrection q = LogQCorrection.of(new int[] {0, 0, 0, 1}, 2);
    float[] u = {1, 0, 0, 1};
    float[] v = {2, 0, 0, 1};
    double loss =
        new InBatchSoftmax(2)
            .lossAndGradient(u, v, new int[] {0, 1}, 2, 2, q, new float[4], new float[4]);
    double a = 2 - Math.log(0.75);
    double b = 0 - Math.log(0.25);
    double row0 = -(a - Math.log(Math.exp(a) + Math.exp(b)));
    double c = 0 - Math.log(0.75);
    double d = 1 - Math.log(0.25);
    double row1 = -(d - Math.log(Math.exp(c) + Math.exp(d)));
    assertEquals((row0 + row1) / 2, loss, 1e-5);
  }

  @Test
  void gradientMatchesFiniteDifferencesWithARepeatedVideo() {
    int b = 5;
    int d = 3;
    int[] items = {0, 2, 1, 2, 3}; // video 2 twice: each copy is a label of the other's row
    LogQCorrection q = LogQCorrection.of(new int[] {0, 1, 1, 2, 2, 2, 3}, 4);
    SplittableRandom r = new SplittableRandom(5);
    float[] u = new float[b * d];
    float[] v = new float[b * d];
    for (int i = 0; i < u.length; i++) {
      u[i] = (float) r.nextGaussian();
      v[i] = (float) r.nextGaussian();
    }
    InBatchSoftmax loss = new InBatchSoftmax(8);
    float[] du = new float[b * d];
    float[] dv = new float[b * d];
    loss.lossAndGradient(u, v, items, b, d, q, du, dv);
    float[] scratchU = new float[b * d];
    float[] scratchV = new float[b * d];
    double eps = 1e-3;
    for (float[] x : new float[][] {u, v}) {
      float[] analytic = x == u ? du : dv;
      for (int i = 0; i < x.length; i++) {
        float keep = x[i];
        x[i] = (float) (keep + eps);
        double plus = loss.lossAndGradient(u, v, items, b, d, q, scratchU, scratchV);
        x[i] = (float) (keep - eps);
        double minus = loss.lossAndGradient(u, v, items, b, d, q, scratchU, scratchV);
        x[i] = keep;
        assertEquals((plus - minus) / (2 * eps), analytic[i], 2e-4, "entry " + i);
      }
    }
  }

  @Test
  void refusesABatchLargerThanItsCapacityOrOfOneRow() {
    InBatchSoftmax loss = new InBatchSoftmax(2);
    float[] x = new float[9];
    LogQCorrection q = LogQCorrection.none(3);
    assertThrows(
        IllegalArgumentException.class,
        () -> loss.lossAndGradient(x, x, new int[] {0, 1, 2}, 3, 3, q, x, x));
    assertThrows(
        IllegalArgumentException.class,
        () -> loss.lossAndGradient(x, x, new int[] {0}, 1, 3, q, x, x));
    assertThrows(IllegalArgumentException.class, () -> new InBatchSoftmax(1));
  }
}
