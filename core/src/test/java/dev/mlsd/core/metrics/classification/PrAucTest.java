package dev.mlsd.core.metrics.classification;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mlsd.core.metrics.ScoreOrder;
import dev.mlsd.core.metrics.TestData;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class PrAucTest {
  // scikit-learn's average_precision_score example: AP = 0.5 * 1 + 0.5 * 2/3 = 0.8333.
  private static final float[] SCORES = {0.1f, 0.4f, 0.35f, 0.8f};
  private static final boolean[] LABELS = {false, false, true, true};

  @Test
  void handWorkedExample() {
    assertEquals(5.0 / 6, PrAuc.compute(SCORES, LABELS), 1e-12);
  }

  @Test
  void curveByHand() {
    PrecisionRecallCurve c = PrecisionRecallCurve.compute(SCORES, LABELS);
    assertArrayEquals(new double[] {1, 0.5, 2.0 / 3, 0.5}, c.precisions(), 1e-12);
    assertArrayEquals(new double[] {0.5, 0.5, 1, 1}, c.recalls(), 1e-12);
    assertArrayEquals(new float[] {0.8f, 0.4f, 0.35f, 0.1f}, c.thresholds());
  }

  @Test
  void tiedScoresAreOneStep() {
    // One positive tied with one negative: precision 1/2 at the only step.
    assertEquals(0.5, PrAuc.compute(new float[] {0.5f, 0.5f}, new boolean[] {true, false}));
    assertEquals(1.0, PrAuc.compute(new float[] {0.9f, 0.5f}, new boolean[] {true, false}));
  }

  @Test
  void atMostOneAndEqualsMeanPrecisionAtEachPositiveWithoutTies() {
    SplittableRandom random = new SplittableRandom(21);
    for (int trial = 0; trial < 50; trial++) {
      int n = 2 + random.nextInt(500);
      float[] scores = TestData.uniform(random, n);
      boolean[] labels = TestData.labels(random, n, random.nextDouble());
      double ap = PrAuc.compute(scores, labels);
      assertTrue(ap > 0 && ap <= 1, "AP " + ap);
      int[] order = ScoreOrder.descending(scores);
      double sum = 0;
      int hits = 0;
      for (int r = 0; r < n; r++) {
        if (labels[order[r]]) {
          hits++;
          sum += (double) hits / (r + 1);
        }
      }
      assertEquals(sum / hits, ap, 1e-12);
    }
    SplittableRandom tied = new SplittableRandom(22);
    for (int trial = 0; trial < 50; trial++) {
      int n = 2 + tied.nextInt(300);
      float[] scores = TestData.scoresWithTies(tied, n, 1 + tied.nextInt(5));
      double ap = PrAuc.compute(scores, TestData.labels(tied, n, tied.nextDouble()));
      assertTrue(ap > 0 && ap <= 1, "AP " + ap);
    }
  }

  @Test
  void refusesBadInput() {
    assertThrows(
        IllegalArgumentException.class,
        () -> PrAuc.compute(new float[] {0.1f, 0.2f}, new boolean[] {false, false}));
    assertThrows(
        IllegalArgumentException.class,
        () -> PrAuc.compute(new float[] {Float.NaN, 0.2f}, new boolean[] {true, false}));
    assertThrows(
        IllegalArgumentException.class,
        () -> PrecisionRecallCurve.compute(new float[] {0.2f}, new boolean[] {true, false}));
  }
}
