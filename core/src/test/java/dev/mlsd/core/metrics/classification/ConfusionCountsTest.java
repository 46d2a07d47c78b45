package dev.mlsd.core.metrics.classification;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class ConfusionCountsTest {
  // TP = 2 (rows 0, 4), FP = 1 (row 1), TN = 1 (row 2), FN = 1 (row 3).
  private static final boolean[] PREDICTED = {true, true, false, false, true};
  private static final boolean[] ACTUAL = {true, false, false, true, true};

  @Test
  void countsTheFourCells() {
    assertEquals(new ConfusionCounts(2, 1, 1, 1), ConfusionCounts.of(PREDICTED, ACTUAL));
  }

  @Test
  void precisionRecallF1ByHand() {
    assertEquals(2.0 / 3, Precision.compute(PREDICTED, ACTUAL), 1e-12);
    assertEquals(2.0 / 3, Recall.compute(PREDICTED, ACTUAL), 1e-12);
    assertEquals(2.0 / 3, F1Score.compute(PREDICTED, ACTUAL), 1e-12);
    // P = 1/2, R = 1 -> F1 = 2 * 0.5 / 1.5.
    boolean[] predicted = {true, true, true, true};
    boolean[] actual = {true, false, true, false};
    assertEquals(0.5, Precision.compute(predicted, actual), 1e-12);
    assertEquals(1.0, Recall.compute(predicted, actual), 1e-12);
    assertEquals(2.0 / 3, F1Score.compute(predicted, actual), 1e-12);
  }

  @Test
  void thresholdPredictsPositiveAtOrAbove() {
    float[] scores = {0.9f, 0.5f, 0.4f, 0.1f};
    boolean[] labels = {true, false, true, false};
    assertEquals(new ConfusionCounts(1, 1, 1, 1), ConfusionCounts.atThreshold(scores, labels, 0.5));
    assertEquals(0.5, Precision.atThreshold(scores, labels, 0.5), 1e-12);
    assertEquals(1.0, Recall.atThreshold(scores, labels, 0.4), 1e-12);
    assertEquals(0.8, F1Score.atThreshold(scores, labels, 0.4), 1e-12);
  }

  @Test
  void nothingPredictedPositiveHasPrecisionZero() {
    assertEquals(0.0, Precision.compute(new boolean[] {false, false}, new boolean[] {true, false}));
    assertEquals(0.0, F1Score.compute(new boolean[] {false, false}, new boolean[] {true, false}));
  }

  @Test
  void refusesBadInput() {
    assertThrows(
        IllegalArgumentException.class,
        () -> Precision.compute(new boolean[] {true}, new boolean[] {true, false}));
    assertThrows(
        IllegalArgumentException.class,
        () -> Recall.compute(new boolean[] {true, false}, new boolean[] {false, false}));
    assertThrows(
        IllegalArgumentException.class,
        () -> F1Score.compute(new boolean[] {true, false}, new boolean[] {false, false}));
    assertThrows(
        IllegalArgumentException.class,
        () -> Precision.atThreshold(new float[] {Float.NaN}, new boolean[] {true}, 0.5));
    assertThrows(IllegalArgumentException.class, () -> new ConfusionCounts(-1, 0, 0, 0));
  }
}
