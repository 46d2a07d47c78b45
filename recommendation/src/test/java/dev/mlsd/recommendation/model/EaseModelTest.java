package dev.mlsd.recommendation.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mlsd.recommendation.features.UserRequest;
import org.junit.jupiter.api.Test;

class EaseModelTest {
  private static final double LAMBDA = 3.0;

  /** B[h][*]: the scores of a history holding only item h. */
  private static float[] row(EaseModel m, int h) {
    float[] out = new float[m.items()];
    m.scoreAll(new UserRequest(4).reset(0, 0).add(h, 4f, 0), out);
    return out;
  }

  /** Column j of EASE is ridge regression of item j's column on every other item's, diag 0. */
  @Test
  void eachColumnIsTheRidgeRegressionOfThatItemOnTheOthers() {
    FeedbackMatrix fm = WalsTest.randomMatrix(40, 12, 7);
    EaseModel m = EaseModel.train(fm, new EaseModel.Params(LAMBDA, 1));
    int n = fm.items();
    double[][] x = new double[fm.users()][n];
    for (int u = 0; u < fm.users(); u++) {
      for (int i = 0; i < n; i++) {
        x[u][i] = fm.contains(u, i) ? 1 : 0;
      }
    }
    float[][] b = new float[n][];
    for (int h = 0; h < n; h++) {
      b[h] = row(m, h);
      assertEquals(0f, b[h][h], "an item must not predict itself");
    }
    for (int j = 0; j < n; j++) {
      double[] expected = ridge(x, j, LAMBDA);
      for (int i = 0; i < n; i++) {
        assertEquals(expected[i], b[i][j], 1e-4, "B[" + i + "][" + j + "]");
      }
    }
  }

  @Test
  void scoresAreTheRecencyWeightedSumOfHistoryRows() {
    FeedbackMatrix fm = WalsTest.randomMatrix(30, 10, 3);
    EaseModel m = EaseModel.train(fm, new EaseModel.Params(LAMBDA, 1));
    float[] r2 = row(m, 2);
    float[] r5 = row(m, 5);
    UserRequest req = new UserRequest(4).reset(0, 0).add(2, 4f, 0).add(5, 3f, 0);
    float[] equal = new float[10];
    m.score(req, 0, equal);
    float[] recent = new float[10];
    m.score(req, 1, recent); // the older watch (2) counts half
    float[] wantEqual = new float[10];
    float[] wantRecent = new float[10];
    for (int j = 0; j < 10; j++) {
      wantEqual[j] = r2[j] + r5[j];
      wantRecent[j] = 0.5f * r2[j] + r5[j];
    }
    assertArrayEquals(wantEqual, equal, 1e-6f);
    assertArrayEquals(wantRecent, recent, 1e-6f);
  }

  @Test
  void itemsBelowTheCountThresholdScoreZeroAndTheRestStayExact() {
    // item 9 is never watched: leaving it out (minCount 1) must not change anything else
    FeedbackMatrix full = WalsTest.randomMatrix(30, 9, 5);
    FeedbackMatrix wider =
        new FeedbackMatrix(30, 10, full.rowStart, full.rowItems, full.rowWeights);
    EaseModel a = EaseModel.train(full, new EaseModel.Params(LAMBDA, 1));
    EaseModel b = EaseModel.train(wider, new EaseModel.Params(LAMBDA, 1));
    assertEquals(9, b.kept());
    float[] rowA = row(a, 0);
    float[] rowB = row(b, 0);
    for (int j = 0; j < 9; j++) {
      assertEquals(rowA[j], rowB[j], 1e-6f);
    }
    assertEquals(0f, rowB[9]);
    assertEquals(0f, row(b, 9)[3], "an item outside the inverse contributes nothing");
  }

  @Test
  void pruningKeepsTheLargestEntriesOfEachRowAndIsExactWhenItKeepsThemAll() {
    FeedbackMatrix fm = WalsTest.randomMatrix(40, 12, 9);
    EaseModel dense = EaseModel.train(fm, new EaseModel.Params(LAMBDA, 1));
    EaseModel all = dense.pruned(12);
    EaseModel three = dense.pruned(3);
    UserRequest req = new UserRequest(4).reset(0, 0).add(2, 4f, 0).add(7, 5f, 0);
    float[] a = new float[12];
    float[] b = new float[12];
    dense.score(req, 2, a);
    all.score(req, 2, b);
    assertArrayEquals(a, b, 1e-6f);
    float[] eq = new float[12];
    float[] rec = new float[12];
    three.scoreBoth(req, 2, eq, rec);
    float[] rec2 = new float[12];
    three.score(req, 2, rec2);
    assertArrayEquals(rec2, rec, 1e-6f);
    for (int h = 0; h < 12; h++) {
      float[] full = row(dense, h);
      float[] kept = row(three, h);
      int nonZero = 0;
      float smallestKept = Float.MAX_VALUE;
      float largestDropped = 0;
      for (int j = 0; j < 12; j++) {
        if (kept[j] != 0f) {
          nonZero++;
          assertEquals(full[j], kept[j], 0f);
          smallestKept = Math.min(smallestKept, Math.abs(full[j]));
        } else {
          largestDropped = Math.max(largestDropped, Math.abs(full[j]));
        }
      }
      assertTrue(nonZero <= 3, "row " + h + " kept " + nonZero);
      assertTrue(largestDropped <= smallestKept, "row " + h + " dropped a larger entry");
    }
    assertThrows(IllegalArgumentException.class, () -> dense.pruned(0));
    assertThrows(IllegalStateException.class, () -> three.pruned(2));
  }

  @Test
  void badParametersAreRefused() {
    assertThrows(IllegalArgumentException.class, () -> new EaseModel.Params(0, 1));
    assertThrows(IllegalArgumentException.class, () -> new EaseModel.Params(-1, 1));
    assertThrows(IllegalArgumentException.class, () -> new EaseModel.Params(Double.NaN, 1));
    assertThrows(IllegalArgumentException.class, () -> new EaseModel.Params(1, 0));
    EaseModel.Gram g = EaseModel.gram(WalsTest.randomMatrix(10, 5, 1), 2);
    assertThrows(
        IllegalArgumentException.class, () -> EaseModel.fromGram(g, new EaseModel.Params(1, 1)));
  }

  /** Ridge weights of column j on the other columns (Gauss-Jordan on the normal equations). */
  private static double[] ridge(double[][] x, int j, double lambda) {
    int n = x[0].length;
    double[][] a = new double[n][n + 1];
    for (int p = 0; p < n; p++) {
      for (int q = 0; q < n; q++) {
        if (p == j || q == j) {
          a[p][q] = p == q ? 1 : 0;
          continue;
        }
        double s = p == q ? lambda : 0;
        for (double[] row : x) {
          s += row[p] * row[q];
        }
        a[p][q] = s;
      }
      double rhs = 0;
      if (p != j) {
        for (double[] row : x) {
          rhs += row[p] * row[j];
        }
      }
      a[p][n] = rhs;
    }
    for (int c = 0; c < n; c++) {
      int piv = c;
      for (int r = c + 1; r < n; r++) {
        if (Math.abs(a[r][c]) > Math.abs(a[piv][c])) {
          piv = r;
        }
      }
      double[] t = a[c];
      a[c] = a[piv];
      a[piv] = t;
      for (int r = 0; r < n; r++) {
        if (r != c) {
          double f = a[r][c] / a[c][c];
          for (int k = c; k <= n; k++) {
            a[r][k] -= f * a[c][k];
          }
        }
      }
    }
    double[] w = new double[n];
    for (int p = 0; p < n; p++) {
      w[p] = p == j ? 0 : a[p][n] / a[p][p];
    }
    return w;
  }
}
