package dev.mlsd.core.monitoring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class DriftStatisticsTest {
  @Test
  void handWorkedTwoBins() {
    // expected 50/50, actual 25/75:
    // PSI = (0.25-0.5) ln(0.5) + (0.75-0.5) ln(1.5) = 0.173287 + 0.101366 = 0.274653
    // KL  = 0.25 ln(0.5) + 0.75 ln(1.5) = -0.173287 + 0.304099 = 0.130812
    long[] e = {50, 50};
    long[] a = {25, 75};
    assertEquals(0.274653, DriftStatistics.psi(e, a), 1e-6);
    assertEquals(0.130812, DriftStatistics.kl(e, a), 1e-6);
  }

  @Test
  void equalDistributionsGiveZeroWhateverTheCounts() {
    assertEquals(0.0, DriftStatistics.psi(new long[] {1, 2, 3}, new long[] {10, 20, 30}), 1e-12);
    assertEquals(0.0, DriftStatistics.kl(new long[] {1, 2, 3}, new long[] {10, 20, 30}), 1e-12);
  }

  @Test
  void emptyBinsStayFiniteThroughEpsilon() {
    double psi = DriftStatistics.psi(new long[] {100, 0}, new long[] {0, 100});
    assertTrue(Double.isFinite(psi) && psi > 10, "psi " + psi);
    // (1e-4 - 1) ln(1e-4) + (1 - 1e-4) ln(1e4) = 2 (1 - 1e-4) ln(1e4)
    assertEquals(2 * (1 - 1e-4) * Math.log(1e4), psi, 1e-9);
  }

  @Test
  void psiIsSymmetricKlIsNot() {
    long[] e = {70, 20, 10};
    long[] a = {30, 30, 40};
    assertEquals(DriftStatistics.psi(e, a), DriftStatistics.psi(a, e), 1e-12);
    assertTrue(Math.abs(DriftStatistics.kl(e, a) - DriftStatistics.kl(a, e)) > 1e-3);
  }

  @Test
  void emptyHistogramsAreNaNAndMismatchedBinsRefused() {
    assertTrue(Double.isNaN(DriftStatistics.psi(new long[] {1, 2}, new long[] {0, 0})));
    assertThrows(
        IllegalArgumentException.class, () -> DriftStatistics.psi(new long[2], new long[3]));
    assertThrows(
        IllegalArgumentException.class, () -> DriftStatistics.kl(new long[0], new long[0]));
    assertThrows(
        IllegalArgumentException.class,
        () -> DriftStatistics.psi(new long[] {-1, 2}, new long[] {1, 1}));
  }
}
