package dev.mlsd.core.monitoring;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class DriftMonitorTest {
  static float[] gaussian(long seed, int n, double mean) {
    SplittableRandom r = new SplittableRandom(seed);
    float[] v = new float[n];
    for (int i = 0; i < n; i++) {
      v[i] = (float) (mean + r.nextGaussian());
    }
    return v;
  }

  @Test
  void binsAreQuantilesPlusANanBin() {
    BinnedDistribution d = new BinnedDistribution(new float[] {1, 2, 3, 4, 5, 6, 7, 8}, 4);
    assertArrayEquals(new float[] {3, 5, 7}, d.edges());
    assertEquals(5, d.bins());
    assertEquals(0, d.bin(-100));
    assertEquals(0, d.bin(2.9f));
    assertEquals(1, d.bin(3));
    assertEquals(3, d.bin(1e9f));
    assertEquals(4, d.bin(Float.NaN));
    assertArrayEquals(new long[] {2, 2, 2, 2, 0}, d.trainingCounts());
  }

  @Test
  void aConstantFeatureHasOneBoundaryFreeBin() {
    BinnedDistribution d = new BinnedDistribution(new float[] {3, 3, 3, 3}, 10);
    assertEquals(0, d.edges().length);
    assertEquals(0, d.bin(3));
    assertEquals(0, d.bin(-3));
  }

  @Test
  void sameDistributionHasSmallPsiShiftedHasLarge() {
    DriftMonitor m =
        DriftMonitor.builder(10)
            .feature("stable", gaussian(1, 20_000, 0))
            .feature("shifted", gaussian(2, 20_000, 0))
            .feature("prediction", gaussian(3, 20_000, 0))
            .build();
    float[] stable = gaussian(4, 20_000, 0);
    float[] shifted = gaussian(5, 20_000, 1.0);
    for (int i = 0; i < stable.length; i++) {
      m.observe(0, stable[i]);
      m.observe(1, shifted[i]);
    }
    assertTrue(m.psi(0) < 0.01, "stable psi " + m.psi(0));
    assertTrue(m.psi(1) > 0.25, "shifted psi " + m.psi(1));
    assertTrue(m.kl(1) > m.kl(0));
    assertEquals(20_000, m.observations(1));
    assertTrue(Double.isNaN(m.psi(2)), "no serving predictions yet");
    assertEquals(2, m.indexOf("prediction"));
    m.resetServing();
    assertEquals(0, m.observations(0));
  }

  @Test
  void missingValuesAtServingShowAsDrift() {
    DriftMonitor m = DriftMonitor.builder(4).feature("x", gaussian(1, 1000, 0)).build();
    for (int i = 0; i < 1000; i++) {
      m.observe(0, i % 2 == 0 ? Float.NaN : (float) (i % 7) / 7f - 0.5f);
    }
    assertTrue(m.psi(0) > 1, "psi " + m.psi(0));
  }

  @Test
  void badDeclarationsAreRefused() {
    assertThrows(IllegalArgumentException.class, () -> DriftMonitor.builder(1));
    assertThrows(IllegalStateException.class, () -> DriftMonitor.builder(4).build());
    assertThrows(
        IllegalArgumentException.class,
        () -> DriftMonitor.builder(4).feature("a", new float[] {1}).feature("a", new float[] {1}));
    assertThrows(
        IllegalArgumentException.class, () -> DriftMonitor.builder(4).feature("a", new float[0]));
  }
}
