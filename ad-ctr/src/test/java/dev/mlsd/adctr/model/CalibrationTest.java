package dev.mlsd.adctr.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mlsd.core.metrics.calibration.DownsamplingRecalibration;
import dev.mlsd.core.metrics.calibration.PredictedObservedRatio;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class CalibrationTest {
  @Test
  void bookFormulaByHand() {
    // q = p / (p + (1 - p) / w): p = 0.5 at w = 0.1 -> 0.5 / (0.5 + 5) = 1/11
    assertEquals(1.0 / 11, DownsamplingRecalibration.recalibrate(0.5, 0.1), 1e-12);
  }

  @Test
  void downSampledThenRecalibratedMatchesTheTrueRate() {
    // true rate 2%; keeping 10% of negatives makes the sample rate 0.02 / (0.02 + 0.098)
    double sampleRate = 0.02 / (0.02 + 0.98 * 0.1);
    assertEquals(0.02, DownsamplingRecalibration.recalibrate(sampleRate, 0.1), 1e-12);
  }

  @Test
  void plattFixesSystematicallyInflatedPredictions() {
    SplittableRandom r = new SplittableRandom(1);
    int n = 20_000;
    float[] p = new float[n];
    boolean[] y = new boolean[n];
    for (int i = 0; i < n; i++) {
      double t = 0.05 + 0.3 * r.nextDouble();
      y[i] = r.nextDouble() < t;
      // the model says twice the odds
      double odds = 2 * t / (1 - t);
      p[i] = (float) (odds / (1 + odds));
    }
    double before = PredictedObservedRatio.compute(p, y);
    assertTrue(before > 1.3, "fixture should over-predict: " + before);
    PlattCalibrator c = PlattCalibrator.fit(p, y);
    double after = PredictedObservedRatio.compute(c.apply(p), y);
    assertEquals(1.0, after, 0.02);
    assertEquals(1.0, c.a(), 0.1);
    assertEquals(-Math.log(2), c.b(), 0.1);
    // monotone: the ranking is unchanged
    assertTrue(c.apply(0.2f) < c.apply(0.3f));
  }

  @Test
  void badInputIsRefused() {
    assertThrows(
        IllegalArgumentException.class,
        () -> PlattCalibrator.fit(new float[] {0.1f}, new boolean[] {true, false}));
    assertThrows(
        IllegalArgumentException.class,
        () -> PlattCalibrator.fit(new float[] {0.1f, 0.2f}, new boolean[] {true, true}));
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> PlattCalibrator.fit(new float[] {0.1f, 1.5f}, new boolean[] {true, false}));
    assertTrue(e.getMessage().contains("not a probability"));
  }
}
