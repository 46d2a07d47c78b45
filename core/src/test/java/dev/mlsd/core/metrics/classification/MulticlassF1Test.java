package dev.mlsd.core.metrics.classification;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import smile.validation.metric.Averaging;
import smile.validation.metric.FScore;

class MulticlassF1Test {
  // scikit-learn's f1_score documentation example.
  private static final int[] ACTUAL = {0, 1, 2, 0, 1, 2};
  private static final int[] PREDICTED = {0, 2, 1, 0, 0, 1};

  @Test
  void scikitLearnExample() {
    assertArrayEquals(new double[] {0.8, 0, 0}, MulticlassF1.perClass(PREDICTED, ACTUAL, 3), 1e-12);
    assertEquals(0.8 / 3, MulticlassF1.macro(PREDICTED, ACTUAL, 3), 1e-12);
    assertEquals(0.8 / 3, MulticlassF1.weighted(PREDICTED, ACTUAL, 3), 1e-12);
    assertEquals(1.0 / 3, MulticlassF1.micro(PREDICTED, ACTUAL, 3), 1e-12);
  }

  @Test
  void weightedFollowsSupport() {
    // class 0: support 3, TP 3, FP 1 -> F1 = 6/7; class 1: support 1, TP 0 -> F1 = 0.
    int[] actual = {0, 0, 0, 1};
    int[] predicted = {0, 0, 0, 0};
    assertEquals(0.75 * 6 / 7, MulticlassF1.weighted(predicted, actual, 2), 1e-12);
    assertEquals(0.5 * 6 / 7, MulticlassF1.macro(predicted, actual, 2), 1e-12);
  }

  @Test
  void absentClassIsLeftOutOfMacro() {
    int[] actual = {0, 1, 0, 1};
    assertEquals(1.0, MulticlassF1.macro(actual, actual, 5), 1e-12);
    assertEquals(Double.NaN, MulticlassF1.perClass(actual, actual, 5)[4]);
  }

  @Test
  void agreesWithSmileOnRandomData() {
    SplittableRandom random = new SplittableRandom(7);
    for (int trial = 0; trial < 20; trial++) {
      int n = 200 + random.nextInt(300);
      int k = 3 + random.nextInt(3);
      int[] actual = new int[n];
      int[] predicted = new int[n];
      for (int i = 0; i < n; i++) {
        actual[i] = random.nextInt(k);
        predicted[i] = random.nextDouble() < 0.6 ? actual[i] : random.nextInt(k);
      }
      assertEquals(
          FScore.of(actual, predicted, 1.0, Averaging.Macro),
          MulticlassF1.macro(predicted, actual, k),
          1e-9);
      assertEquals(
          FScore.of(actual, predicted, 1.0, Averaging.Weighted),
          MulticlassF1.weighted(predicted, actual, k),
          1e-9);
      assertEquals(
          FScore.of(actual, predicted, 1.0, Averaging.Micro),
          MulticlassF1.micro(predicted, actual, k),
          1e-9);
    }
  }

  @Test
  void refusesBadInput() {
    assertThrows(
        IllegalArgumentException.class,
        () -> MulticlassF1.macro(new int[] {0, 1}, new int[] {0}, 2));
    assertThrows(
        IllegalArgumentException.class,
        () -> MulticlassF1.macro(new int[] {0, 3}, new int[] {0, 1}, 2));
    assertThrows(
        IllegalArgumentException.class, () -> MulticlassF1.macro(new int[0], new int[0], 2));
    assertThrows(
        IllegalArgumentException.class, () -> MulticlassF1.macro(new int[] {0}, new int[] {0}, 1));
  }
}
