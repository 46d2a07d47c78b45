package dev.mlsd.core.metrics.calibration;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.mlsd.core.metrics.TestData;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class CalibrationTest {
  @Test
  void predictedObservedRatioByHand() {
    assertEquals(
        1.0,
        PredictedObservedRatio.compute(
            new float[] {0.2f, 0.4f, 0.6f, 0.8f}, new boolean[] {false, true, false, true}),
        1e-6);
    // Predicts 1.2 clicks where 1 happened: over-predicts by 20%.
    assertEquals(
        1.2,
        PredictedObservedRatio.compute(
            new float[] {0.3f, 0.3f, 0.3f, 0.3f}, new boolean[] {true, false, false, false}),
        1e-6);
    assertThrows(
        IllegalArgumentException.class,
        () -> PredictedObservedRatio.compute(new float[] {0.3f}, new boolean[] {false}));
  }

  @Test
  void equalWidthByHand() {
    // Bin [0, 0.5): p 0.1, 0.2, 0.3 (mean 0.2), 1 of 3 positive: gap 2/15, weight 3/4.
    // Bin [0.5, 1]: p 0.9, positive: gap 0.1, weight 1/4. ECE = 0.1 + 0.025.
    float[] p = {0.1f, 0.2f, 0.3f, 0.9f};
    boolean[] y = {false, false, true, true};
    ReliabilityDiagram d = ReliabilityDiagram.equalWidth(p, y, 2);
    assertArrayEquals(new long[] {3, 1}, d.counts());
    assertArrayEquals(new double[] {0.2, 0.9}, d.meanPredicted(), 1e-6);
    assertArrayEquals(new double[] {1.0 / 3, 1.0}, d.observedRate(), 1e-12);
    assertArrayEquals(new double[] {0, 0.5}, d.lower(), 1e-12);
    assertArrayEquals(new double[] {0.5, 1}, d.upper(), 1e-12);
    assertEquals(0.125, ExpectedCalibrationError.equalWidth(p, y, 2), 1e-6);
  }

  @Test
  void equalMassByHand() {
    // Sorted p: {0.1, 0.2} mean 0.15, no positive: gap 0.15; {0.3, 0.9} mean 0.6, both positive:
    // gap 0.4. ECE = (0.15 + 0.4) / 2.
    float[] p = {0.9f, 0.1f, 0.3f, 0.2f};
    boolean[] y = {true, false, true, false};
    ReliabilityDiagram d = ReliabilityDiagram.equalMass(p, y, 2);
    assertArrayEquals(new long[] {2, 2}, d.counts());
    assertArrayEquals(new double[] {0.1, 0.3}, d.lower(), 1e-6);
    assertArrayEquals(new double[] {0.2, 0.9}, d.upper(), 1e-6);
    assertEquals(0.275, ExpectedCalibrationError.equalMass(p, y, 2), 1e-6);
  }

  @Test
  void emptyBinsAreNaNAndSkipped() {
    float[] p = {0.05f, 1.0f};
    boolean[] y = {false, true};
    ReliabilityDiagram d = ReliabilityDiagram.equalWidth(p, y, 10);
    assertEquals(1, d.counts()[9], "p = 1 falls in the last bin");
    assertEquals(Double.NaN, d.meanPredicted()[5]);
    assertEquals(0.025, d.expectedCalibrationError(), 1e-6);
  }

  @Test
  void perfectlyCalibratedBinsScoreZero() {
    // Within each bin the mean prediction equals the positive rate.
    float[] p = {0.25f, 0.25f, 0.25f, 0.25f, 0.75f, 0.75f, 0.75f, 0.75f};
    boolean[] y = {true, false, false, false, true, true, true, false};
    assertEquals(0.0, ExpectedCalibrationError.equalWidth(p, y, 4), 1e-12);
    assertEquals(0.0, ExpectedCalibrationError.equalMass(p, y, 2), 1e-12);
  }

  @Test
  void eceLiesInUnitInterval() {
    SplittableRandom random = new SplittableRandom(51);
    for (int trial = 0; trial < 20; trial++) {
      int n = 20 + random.nextInt(500);
      float[] p = TestData.uniform(random, n);
      boolean[] y = TestData.labels(random, n, random.nextDouble());
      double w = ExpectedCalibrationError.equalWidth(p, y, 1 + random.nextInt(20));
      double m = ExpectedCalibrationError.equalMass(p, y, 1 + random.nextInt(20));
      assertEquals(true, w >= 0 && w <= 1, "ECE " + w);
      assertEquals(true, m >= 0 && m <= 1, "ECE " + m);
    }
  }

  @Test
  void refusesBadInput() {
    float[] p = {0.1f, 0.2f};
    boolean[] y = {true, false};
    assertThrows(IllegalArgumentException.class, () -> ReliabilityDiagram.equalWidth(p, y, 0));
    assertThrows(IllegalArgumentException.class, () -> ReliabilityDiagram.equalMass(p, y, 3));
    assertThrows(
        IllegalArgumentException.class,
        () -> ReliabilityDiagram.equalWidth(new float[] {-0.1f}, new boolean[] {true}, 2));
    assertThrows(
        IllegalArgumentException.class,
        () -> ExpectedCalibrationError.equalMass(p, new boolean[] {true}, 1));
  }

  @Test
  void recalibrationByHand() {
    // q = 0.5 / (0.5 + 0.5 / 0.1) = 1 / 11.
    assertEquals(1.0 / 11, DownsamplingRecalibration.recalibrate(0.5, 0.1), 1e-12);
    assertEquals(0.3, DownsamplingRecalibration.recalibrate(0.3, 1.0), 1e-12);
    assertEquals(0.0, DownsamplingRecalibration.recalibrate(0.0, 0.1));
    assertEquals(1.0, DownsamplingRecalibration.recalibrate(1.0, 0.1));
  }

  @Test
  void recalibrationUndoesDownsampling() {
    // True CTR 1%; keeping 5% of negatives makes the training CTR 0.01 / (0.01 + 0.99 * 0.05).
    double w = 0.05;
    double trainingCtr = 0.01 / (0.01 + 0.99 * w);
    assertEquals(0.168067, trainingCtr, 1e-6);
    assertEquals(0.01, DownsamplingRecalibration.recalibrate(trainingCtr, w), 1e-12);
    float[] p = {(float) trainingCtr, 0.5f};
    float[] q = DownsamplingRecalibration.recalibrate(p, w);
    assertEquals(0.01, q[0], 1e-7);
    assertEquals((float) trainingCtr, p[0], "the input array is left alone");
  }

  @Test
  void recalibrationRefusesBadRates() {
    assertThrows(
        IllegalArgumentException.class, () -> DownsamplingRecalibration.recalibrate(0.5, 0.0));
    assertThrows(
        IllegalArgumentException.class, () -> DownsamplingRecalibration.recalibrate(0.5, 1.5));
    assertThrows(
        IllegalArgumentException.class, () -> DownsamplingRecalibration.recalibrate(1.5, 0.5));
    assertThrows(
        IllegalArgumentException.class,
        () -> DownsamplingRecalibration.recalibrate(new float[] {Float.NaN}, 0.5));
  }
}
