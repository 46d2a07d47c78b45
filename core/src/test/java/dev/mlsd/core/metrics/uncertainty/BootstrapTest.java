package dev.mlsd.core.metrics.uncertainty;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mlsd.core.metrics.TestData;
import dev.mlsd.core.metrics.classification.LogLoss;
import dev.mlsd.core.metrics.classification.RocAuc;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class BootstrapTest {
  @Test
  void sameSeedSameInterval() {
    SplittableRandom random = new SplittableRandom(61);
    float[] s = TestData.uniform(random, 300);
    boolean[] y = TestData.labelsFollowing(random, s);
    Bootstrap b = new Bootstrap(200, 0.95, 7);
    assertEquals(b.ofScores(s, y, RocAuc::compute), b.ofScores(s, y, RocAuc::compute));
    ConfidenceInterval other = new Bootstrap(200, 0.95, 8).ofScores(s, y, RocAuc::compute);
    assertTrue(other.lower() != b.ofScores(s, y, RocAuc::compute).lower());
  }

  @Test
  void intervalOfAMeanHasTheNormalWidth() {
    // n = 400 draws of N(0, 1): the 95% interval of the mean is about 2 * 1.96 / 20 = 0.196 wide.
    SplittableRandom random = new SplittableRandom(62);
    double[] v = new double[400];
    for (int i = 0; i < v.length; i++) {
      double u1 = random.nextDouble();
      double u2 = random.nextDouble();
      v[i] = Math.sqrt(-2 * Math.log1p(-u1)) * Math.cos(2 * Math.PI * u2);
    }
    ConfidenceInterval ci = new Bootstrap(2000, 0.95, 1).ofMean(v);
    assertTrue(ci.contains(ci.estimate()));
    assertEquals(0.196, ci.width(), 0.03);
    assertEquals(0.95, ci.level());
  }

  @Test
  void constantValuesGiveAPointInterval() {
    ConfidenceInterval ci = Bootstrap.of(3).ofMean(new double[] {0.5, 0.5, 0.5});
    assertEquals(new ConfidenceInterval(0.5, 0.5, 0.5, 0.95), ci);
  }

  @Test
  void stratifiedResamplingKeepsAucDefinedWithFewPositives() {
    float[] s = {0.9f, 0.1f, 0.2f, 0.3f, 0.4f, 0.5f, 0.6f, 0.05f};
    boolean[] y = {true, false, false, false, false, false, false, true};
    ConfidenceInterval ci = new Bootstrap(500, 0.9, 5).ofScores(s, y, RocAuc::compute);
    assertEquals(RocAuc.compute(s, y), ci.estimate());
    assertTrue(ci.lower() >= 0 && ci.upper() <= 1 && ci.lower() <= ci.upper());
  }

  @Test
  void pairedDifferenceSeparatesAGoodModelFromNoise() {
    SplittableRandom random = new SplittableRandom(63);
    int n = 1000;
    float[] good = TestData.uniform(random, n);
    boolean[] y = TestData.labelsFollowing(random, good);
    float[] noise = TestData.uniform(random, n);
    Bootstrap b = new Bootstrap(300, 0.95, 9);
    ConfidenceInterval auc = b.pairedDifference(good, noise, y, RocAuc::compute);
    assertTrue(auc.lower() > 0, "AUC(good) - AUC(noise) " + auc);
    ConfidenceInterval loss = b.pairedDifference(good, noise, y, LogLoss::compute);
    assertTrue(loss.upper() < 0, "LogLoss(good) - LogLoss(noise) " + loss);
    ConfidenceInterval same = b.pairedDifference(good, good, y, RocAuc::compute);
    assertEquals(0.0, same.lower());
    assertEquals(0.0, same.upper());
  }

  @Test
  void pairedMeanDifferenceOverQueries() {
    double[] a = {0.9, 0.8, 0.85, 0.95, 0.7, 0.9, 0.8, 0.85};
    double[] b = {0.5, 0.6, 0.4, 0.55, 0.5, 0.45, 0.6, 0.5};
    ConfidenceInterval ci = new Bootstrap(500, 0.95, 2).pairedMeanDifference(a, b);
    assertEquals(0.84375 - 0.5125, ci.estimate(), 1e-12);
    assertTrue(ci.lower() > 0.2 && ci.upper() < 0.45, ci.toString());
  }

  @Test
  void generalFormOverIndices() {
    double[] v = {1, 2, 3, 4, 5};
    ConfidenceInterval ci =
        new Bootstrap(100, 0.8, 4)
            .resample(
                v.length,
                idx -> {
                  double max = Double.NEGATIVE_INFINITY;
                  for (int i : idx) {
                    max = Math.max(max, v[i]);
                  }
                  return max;
                });
    assertEquals(5.0, ci.estimate());
    assertTrue(ci.upper() <= 5.0 && ci.lower() >= 1.0);
  }

  @Test
  void quantileInterpolatesLinearly() {
    double[] sorted = {1, 2, 3, 4};
    assertEquals(2.5, Bootstrap.quantile(sorted, 0.5), 1e-12);
    assertEquals(1.0, Bootstrap.quantile(sorted, 0.0), 1e-12);
    assertEquals(4.0, Bootstrap.quantile(sorted, 1.0), 1e-12);
    assertEquals(1.075, Bootstrap.quantile(sorted, 0.025), 1e-12);
  }

  @Test
  void refusesBadInput() {
    assertThrows(IllegalArgumentException.class, () -> new Bootstrap(0, 0.95, 1));
    assertThrows(IllegalArgumentException.class, () -> new Bootstrap(10, 1.0, 1));
    assertThrows(IllegalArgumentException.class, () -> Bootstrap.of(1).ofMean(new double[0]));
    assertThrows(
        IllegalArgumentException.class, () -> Bootstrap.of(1).ofMean(new double[] {Double.NaN}));
    assertThrows(
        IllegalArgumentException.class,
        () -> Bootstrap.of(1).pairedMeanDifference(new double[] {1}, new double[] {1, 2}));
    assertThrows(
        IllegalArgumentException.class,
        () ->
            Bootstrap.of(1)
                .ofScores(new float[] {0.1f}, new boolean[] {true, false}, RocAuc::compute));
    assertThrows(
        IllegalArgumentException.class,
        () -> new Bootstrap(10, 0.9, 1).resample(3, idx -> Double.NaN));
  }
}
