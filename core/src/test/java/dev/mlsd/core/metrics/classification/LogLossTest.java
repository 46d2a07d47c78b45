package dev.mlsd.core.metrics.classification;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mlsd.core.metrics.TestData;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class LogLossTest {
  @Test
  void handWorkedExample() {
    // -(ln 0.9 + ln 0.8 + ln 0.4) / 3
    float[] p = {0.9f, 0.2f, 0.6f};
    boolean[] y = {true, false, false};
    double expected = -(Math.log(0.9) + Math.log(0.8) + Math.log(0.4)) / 3;
    assertEquals(0.4149316, expected, 1e-7);
    assertEquals(expected, LogLoss.compute(p, y), 1e-7);
  }

  @Test
  void clipsCertainMistakes() {
    double loss = LogLoss.compute(new float[] {0f, 1f}, new boolean[] {true, false});
    assertEquals(-Math.log(1e-15), loss, 1e-6);
    assertTrue(Double.isFinite(loss));
    assertEquals(0.0, LogLoss.compute(new float[] {1f, 0f}, new boolean[] {true, false}), 1e-14);
  }

  @Test
  void agreesWithSmile() {
    SplittableRandom random = new SplittableRandom(31);
    for (int trial = 0; trial < 20; trial++) {
      int n = 10 + random.nextInt(1000);
      float[] p = TestData.uniform(random, n);
      boolean[] y = TestData.labelsFollowing(random, p);
      assertEquals(
          smile.validation.metric.LogLoss.of(TestData.toInts(y), TestData.toDoubles(p)),
          LogLoss.compute(p, y),
          1e-9);
    }
  }

  @Test
  void refusesBadInput() {
    assertThrows(
        IllegalArgumentException.class,
        () -> LogLoss.compute(new float[] {1.5f}, new boolean[] {true}));
    assertThrows(
        IllegalArgumentException.class,
        () -> LogLoss.compute(new float[] {Float.NaN}, new boolean[] {true}));
    assertThrows(
        IllegalArgumentException.class,
        () -> LogLoss.compute(new float[] {0.5f}, new boolean[] {true, false}));
    assertThrows(
        IllegalArgumentException.class, () -> LogLoss.compute(new float[0], new boolean[0]));
  }
}
