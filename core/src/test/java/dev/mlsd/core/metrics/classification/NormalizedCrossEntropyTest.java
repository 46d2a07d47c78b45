package dev.mlsd.core.metrics.classification;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mlsd.core.metrics.TestData;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class NormalizedCrossEntropyTest {
  @Test
  void handWorkedExample() {
    // Background rate 1/4: H = -(0.25 ln 0.25 + 0.75 ln 0.75) = 0.5623351.
    // Model log loss = -(ln 0.5 + ln 0.9 + ln 0.8 + ln 0.9) / 4 = 0.2817530. NCE = 0.5010410.
    float[] p = {0.5f, 0.1f, 0.2f, 0.1f};
    boolean[] y = {true, false, false, false};
    assertEquals(0.5623351, LogLoss.bernoulliEntropy(0.25), 1e-7);
    assertEquals(0.5010410, NormalizedCrossEntropy.compute(p, y), 1e-6);
  }

  @Test
  void predictingTheBackgroundRateScoresOne() {
    SplittableRandom random = new SplittableRandom(41);
    for (int trial = 0; trial < 10; trial++) {
      int n = 10 + random.nextInt(500);
      boolean[] y = TestData.labels(random, n, random.nextDouble());
      // The float rate differs from k / n in the 8th digit, hence the tolerance.
      int positives = 0;
      for (boolean b : y) {
        positives += b ? 1 : 0;
      }
      float rate = (float) positives / n;
      float[] p = new float[n];
      Arrays.fill(p, rate);
      assertEquals(1.0, NormalizedCrossEntropy.compute(p, y, rate), 1e-6);
      assertEquals(1.0, NormalizedCrossEntropy.compute(p, y), 1e-6);
    }
  }

  @Test
  void aUsefulModelScoresBelowOne() {
    SplittableRandom random = new SplittableRandom(42);
    float[] p = TestData.uniform(random, 5000);
    boolean[] y = TestData.labelsFollowing(random, p);
    double nce = NormalizedCrossEntropy.compute(p, y);
    assertTrue(nce > 0 && nce < 1, "NCE " + nce);
  }

  @Test
  void refusesOneClassLabels() {
    assertThrows(
        IllegalArgumentException.class,
        () -> NormalizedCrossEntropy.compute(new float[] {0.5f, 0.5f}, new boolean[] {true, true}));
    assertThrows(
        IllegalArgumentException.class,
        () -> NormalizedCrossEntropy.compute(new float[] {0.5f}, new boolean[] {true}, 0.0));
    assertThrows(
        IllegalArgumentException.class,
        () -> NormalizedCrossEntropy.compute(new float[0], new boolean[0]));
  }
}
