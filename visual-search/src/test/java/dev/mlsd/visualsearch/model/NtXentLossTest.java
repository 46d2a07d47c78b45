package dev.mlsd.visualsearch.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The contrastive loss against a hand computation, and its gradient against finite differences. */
class NtXentLossTest {

  @Test
  void twoPairsEqualTheHandComputation() {
    // rows 0,1 are images A,B (view 1); rows 2,3 their second views. Unit vectors in 2-D:
    // u0 = (1,0), u1 = (0,1), u2 = (1,0), u3 = (0,1) (z scaled: normalisation must undo it)
    float[] z = {2, 0, 0, 3, 0.5f, 0, 0, 1};
    double tau = 0.5;
    // row 0: s01 = 0, s02 = 1/0.5 = 2 (positive), s03 = 0
    //   loss0 = -2 + log(e^0 + e^2 + e^0) = -2 + log(2 + e^2)
    // by symmetry every row has the same loss
    double expected = -2 + Math.log(2 + Math.exp(2));
    assertEquals(expected, NtXentLoss.compute(z, 4, 2, tau, null), 1e-9);
    // by hand: e^2 = 7.3891, log(9.3891) = 2.2395, so the loss is 0.2395
    assertEquals(0.2395, expected, 1e-4);
  }

  @Test
  void orthogonalPositivesGiveLogOfTheBatch() {
    // every similarity 0 (all rows orthogonal): each row's softmax is uniform over 2N - 1 = 3 rows
    float[] z = {1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1};
    assertEquals(Math.log(3), NtXentLoss.compute(z, 4, 4, 0.1, null), 1e-9);
  }

  @Test
  void gradientMatchesFiniteDifferences() {
    SplittableRandom r = new SplittableRandom(7);
    int rows = 6;
    int d = 5;
    float[] z = new float[rows * d];
    for (int i = 0; i < z.length; i++) {
      z[i] = (float) r.nextGaussian();
    }
    float[] grad = new float[z.length];
    double tau = 0.3;
    NtXentLoss.compute(z, rows, d, tau, grad);
    double h = 1e-3;
    for (int i = 0; i < z.length; i++) {
      float keep = z[i];
      z[i] = (float) (keep + h);
      double up = NtXentLoss.compute(z, rows, d, tau, null);
      z[i] = (float) (keep - h);
      double down = NtXentLoss.compute(z, rows, d, tau, null);
      z[i] = keep;
      assertEquals((up - down) / (2 * h), grad[i], 2e-4, "d loss / d z[" + i + "]");
    }
  }

  @Test
  void supervisedVariantAveragesOverEveryRowOfTheLabel() {
    // four unit rows in 2-D: u0 = u1 = (1,0) (label 0), u2 = (0,1), u3 = (-1,0) (label 1)
    float[] z = {1, 0, 2, 0, 0, 1, -3, 0};
    int[] labels = {0, 0, 1, 1};
    double tau = 1;
    // row 0: s01 = 1, s02 = 0, s03 = -1; one positive (row 1): -1 + log(e + 1 + 1/e)
    double row0 = -1 + Math.log(Math.E + 1 + 1 / Math.E);
    // row 1 equals row 0 by symmetry
    // row 2: s20 = 0, s21 = 0, s23 = 0; positive row 3: -0 + log 3
    double row2 = Math.log(3);
    // row 3: s30 = -1, s31 = -1, s32 = 0; positive row 2: -0 + log(2/e + 1)
    double row3 = Math.log(2 / Math.E + 1);
    double expected = (2 * row0 + row2 + row3) / 4;
    assertEquals(expected, NtXentLoss.compute(z, 4, 2, tau, labels, null), 1e-9);
  }

  @Test
  void withTheImageAsLabelTheSupervisedVariantIsNtXent() {
    SplittableRandom r = new SplittableRandom(3);
    float[] z = new float[8 * 3];
    for (int i = 0; i < z.length; i++) {
      z[i] = (float) r.nextGaussian();
    }
    float[] a = new float[z.length];
    float[] b = new float[z.length];
    double plain = NtXentLoss.compute(z, 8, 3, 0.5, a);
    double labelled = NtXentLoss.compute(z, 8, 3, 0.5, new int[] {0, 1, 2, 3, 0, 1, 2, 3}, b);
    assertEquals(plain, labelled, 1e-12);
    for (int i = 0; i < a.length; i++) {
      assertEquals(a[i], b[i], 1e-7);
    }
  }

  @Test
  void supervisedGradientMatchesFiniteDifferences() {
    SplittableRandom r = new SplittableRandom(9);
    int rows = 7;
    int d = 4;
    int[] labels = {0, 1, 0, 2, 1, 2, 0};
    float[] z = new float[rows * d];
    for (int i = 0; i < z.length; i++) {
      z[i] = (float) r.nextGaussian();
    }
    float[] grad = new float[z.length];
    NtXentLoss.compute(z, rows, d, 0.4, labels, grad);
    double h = 1e-3;
    for (int i = 0; i < z.length; i++) {
      float keep = z[i];
      z[i] = (float) (keep + h);
      double up = NtXentLoss.compute(z, rows, d, 0.4, labels, null);
      z[i] = (float) (keep - h);
      double down = NtXentLoss.compute(z, rows, d, 0.4, labels, null);
      z[i] = keep;
      assertEquals((up - down) / (2 * h), grad[i], 2e-4, "d loss / d z[" + i + "]");
    }
  }

  @Test
  void refusesAnOddBatchAndABadTemperature() {
    assertThrows(
        IllegalArgumentException.class, () -> NtXentLoss.compute(new float[3], 3, 1, 1, null));
    assertThrows(
        IllegalArgumentException.class, () -> NtXentLoss.compute(new float[4], 2, 2, 0, null));
    assertThrows(
        IllegalArgumentException.class,
        () -> NtXentLoss.compute(new float[6], 3, 2, 1, new int[] {0, 0, 1}, null),
        "a row alone in its label has no positive");
  }
}
