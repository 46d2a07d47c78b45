package dev.mlsd.core.monitoring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mlsd.core.metrics.calibration.ExpectedCalibrationError;
import dev.mlsd.core.metrics.calibration.PredictedObservedRatio;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class CalibrationMonitorTest {
  @Test
  void handWorkedRatioAndEce() {
    CalibrationMonitor m = new CalibrationMonitor(1.0, 2);
    // bin [0, .5): p .2, .2 labels 0, 1 -> |.2 - .5| = .3 ; bin [.5, 1]: p .8, .8 labels 1, 1 -> .2
    m.record(0.2f, false);
    m.record(0.2f, true);
    m.record(0.8f, true);
    m.record(0.8f, true);
    // ratio = 2.0 / 3 ; ECE = .5 * .3 + .5 * .2 = .25
    assertEquals(2.0 / 3, m.ratio(), 1e-6);
    assertEquals(1.0 / 3, m.drift(), 1e-6);
    assertEquals(0.25, m.expectedCalibrationError(), 1e-6);
  }

  @Test
  void matchesTheOfflineMetricsExactly() {
    SplittableRandom r = new SplittableRandom(11);
    int n = 5_000;
    float[] p = new float[n];
    boolean[] y = new boolean[n];
    CalibrationMonitor m = new CalibrationMonitor(1.0, 10);
    for (int i = 0; i < n; i++) {
      p[i] = (float) r.nextDouble();
      y[i] = r.nextDouble() < p[i] * 0.8;
      m.record(p[i], y[i]);
    }
    assertEquals(PredictedObservedRatio.compute(p, y), m.ratio(), 1e-9);
    assertEquals(ExpectedCalibrationError.equalWidth(p, y, 10), m.expectedCalibrationError(), 1e-9);
    assertTrue(m.ratio() > 1.1, "the labels were drawn at 0.8 p: over-prediction");
  }

  @Test
  void emptyIsNaNAndBadInputRefused() {
    CalibrationMonitor m = new CalibrationMonitor(1.0, 10);
    assertTrue(Double.isNaN(m.ratio()));
    assertTrue(Double.isNaN(m.expectedCalibrationError()));
    assertThrows(IllegalArgumentException.class, () -> m.record(1.5f, true));
    assertThrows(IllegalArgumentException.class, () -> m.record(Float.NaN, true));
    assertThrows(IllegalArgumentException.class, () -> new CalibrationMonitor(0, 10));
    assertThrows(IllegalArgumentException.class, () -> new CalibrationMonitor(1, 0));
  }
}
