package dev.mlsd.core.metrics.classification;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.mlsd.core.metrics.TestData;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import smile.validation.metric.AUC;

class RocAucTest {
  // scikit-learn's roc_auc_score example: 3 of the 4 positive-negative pairs are ordered right.
  private static final float[] SCORES = {0.1f, 0.4f, 0.35f, 0.8f};
  private static final boolean[] LABELS = {false, false, true, true};

  @Test
  void handWorkedExample() {
    assertEquals(0.75, RocAuc.compute(SCORES, LABELS), 1e-12);
  }

  @Test
  void tiesCountHalf() {
    // Positives 0.5, 0.9; negatives 0.5, 0.1: pairs 0.5 (tie), 1, 1, 1 -> 3.5 / 4.
    float[] scores = {0.5f, 0.5f, 0.9f, 0.1f};
    boolean[] labels = {true, false, true, false};
    assertEquals(0.875, RocAuc.compute(scores, labels), 1e-12);
    // All scores equal: every pair is a tie.
    assertEquals(0.5, RocAuc.compute(new float[] {1, 1, 1}, new boolean[] {true, false, true}));
  }

  @Test
  void perfectAndReversedRankings() {
    float[] scores = {0.9f, 0.8f, 0.2f, 0.1f};
    assertEquals(1.0, RocAuc.compute(scores, new boolean[] {true, true, false, false}));
    assertEquals(0.0, RocAuc.compute(scores, new boolean[] {false, false, true, true}));
  }

  @Test
  void curveByHand() {
    RocCurve c = RocCurve.compute(SCORES, LABELS);
    assertArrayEquals(new double[] {0, 0, 0.5, 0.5, 1}, c.falsePositiveRates(), 1e-12);
    assertArrayEquals(new double[] {0, 0.5, 0.5, 1, 1}, c.truePositiveRates(), 1e-12);
    assertArrayEquals(
        new float[] {Float.POSITIVE_INFINITY, 0.8f, 0.4f, 0.35f, 0.1f}, c.thresholds());
    assertEquals(0.75, c.area(), 1e-12);
  }

  @Test
  void equalsThePairwiseDefinitionOnRandomDataWithTies() {
    SplittableRandom random = new SplittableRandom(11);
    for (int trial = 0; trial < 50; trial++) {
      int n = 2 + random.nextInt(400);
      float[] scores = TestData.scoresWithTies(random, n, 1 + random.nextInt(20));
      boolean[] labels = TestData.labels(random, n, random.nextDouble());
      double expected = pairwise(scores, labels);
      assertEquals(expected, RocAuc.compute(scores, labels), 1e-12);
      assertEquals(expected, RocCurve.compute(scores, labels).area(), 1e-12);
    }
  }

  @Test
  void agreesWithSmile() {
    SplittableRandom random = new SplittableRandom(12);
    for (int trial = 0; trial < 20; trial++) {
      int n = 50 + random.nextInt(2000);
      float[] scores = TestData.uniform(random, n);
      boolean[] labels = TestData.labelsFollowing(random, scores);
      assertEquals(
          AUC.of(TestData.toInts(labels), TestData.toDoubles(scores)),
          RocAuc.compute(scores, labels),
          1e-9);
    }
  }

  @Test
  void refusesBadInput() {
    assertThrows(
        IllegalArgumentException.class,
        () -> RocAuc.compute(new float[] {0.1f}, new boolean[] {true, false}));
    assertThrows(
        IllegalArgumentException.class,
        () -> RocAuc.compute(new float[] {0.1f, Float.NaN}, new boolean[] {true, false}));
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> RocAuc.compute(new float[] {0.1f, 0.2f}, new boolean[] {true, true}));
    assertEquals("ROC-AUC is undefined: no negative labels", e.getMessage());
    assertThrows(
        IllegalArgumentException.class,
        () -> RocCurve.compute(new float[] {0.1f, 0.2f}, new boolean[] {false, false}));
    assertThrows(
        IllegalArgumentException.class, () -> RocAuc.compute(new float[0], new boolean[0]));
  }

  /** The definition, O(P * N). */
  static double pairwise(float[] scores, boolean[] labels) {
    double wins = 0;
    long pairs = 0;
    for (int i = 0; i < scores.length; i++) {
      if (!labels[i]) {
        continue;
      }
      for (int j = 0; j < scores.length; j++) {
        if (labels[j]) {
          continue;
        }
        pairs++;
        if (scores[i] > scores[j]) {
          wins += 1;
        } else if (scores[i] == scores[j]) {
          wins += 0.5;
        }
      }
    }
    return wins / pairs;
  }
}
