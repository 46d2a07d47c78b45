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
  void refusesAnOddBatchAndABadTemperature() {
    assertThrows(
        IllegalArgumentException.class, () -> NtXentLoss.compute(new float[3], 3, 1, 1, null));
    assertThrows(
        IllegalArgumentException.class, () -> NtXentLoss.compute(new float[4], 2, 2, 0, null));
  }
}
