package dev.mlsd.recommendation.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class WalsTest {
  /** A seeded random 0/1 matrix with two taste clusters, so factors have something to find. */
  static FeedbackMatrix randomMatrix(int users, int items, long seed) {
    SplittableRandom rnd = new SplittableRandom(seed);
    int[] start = new int[users + 1];
    int[] idx = new int[users * items];
    float[] w = new float[users * items];
    int nnz = 0;
    for (int u = 0; u < users; u++) {
      start[u] = nnz;
      for (int i = 0; i < items; i++) {
        double p = (u % 2 == i % 2) ? 0.4 : 0.05;
        if (rnd.nextDouble() < p) {
          idx[nnz] = i;
          w[nnz++] = rnd.nextBoolean() ? 1f : 2f;
        }
      }
    }
    start[users] = nnz;
    return new FeedbackMatrix(
        users, items, start, java.util.Arrays.copyOf(idx, nnz), java.util.Arrays.copyOf(w, nnz));
  }

  @Test
  void objectiveNeverIncreasesAcrossSweeps() {
    FeedbackMatrix m = randomMatrix(60, 40, 3);
    Wals.Params p = new Wals.Params(5, 0.5, 0.1, 1, 11);
    Wals w = Wals.init(m, p);
    double before = w.objective(m);
    double first = Double.NaN;
    for (int it = 0; it < 8; it++) {
      w.sweep(m);
      double after = w.objective(m);
      assertTrue(
          after <= before * (1 + 1e-6) + 1e-9,
          "sweep " + it + " raised the objective from " + before + " to " + after);
      if (it == 0) {
        first = after;
      }
      before = after;
    }
    assertTrue(before < first, "the objective did not decrease after the first sweep");
  }

  @Test
  void objectiveMatchesBruteForce() {
    FeedbackMatrix m = randomMatrix(7, 9, 5);
    Wals.Params p = new Wals.Params(3, 0.3, 0.2, 2, 1);
    Wals w = Wals.train(m, p, null);
    int k = 3;
    double brute = 0;
    for (int u = 0; u < 7; u++) {
      for (int i = 0; i < 9; i++) {
        double d = Wals.dot(w.userFactors(), u * k, w.itemFactors(), i * k, k);
        double c = 0;
        boolean obs = false;
        for (int q = m.rowStart[u]; q < m.rowStart[u + 1]; q++) {
          if (m.rowItems[q] == i) {
            c = m.rowWeights[q];
            obs = true;
          }
        }
        brute += obs ? c * (1 - d) * (1 - d) : 0.2 * d * d;
      }
    }
    double reg = 0;
    for (float f : w.userFactors()) {
      reg += f * f;
    }
    for (float f : w.itemFactors()) {
      reg += f * f;
    }
    brute += 0.3 * reg;
    assertTrue(Math.abs(brute - w.objective(m)) < 1e-4 * Math.abs(brute));
  }

  @Test
  void foldInEqualsTheUserHalfStep() {
    FeedbackMatrix m = randomMatrix(20, 15, 9);
    Wals.Params p = new Wals.Params(4, 0.5, 0.1, 1, 2);
    // a sweep first solves every user against the seeded initial item factors ...
    Wals trained = Wals.init(m, p);
    trained.sweep(m);
    // ... and a fresh model holds exactly those initial item factors, so folding a user in
    // against it must give that user's trained factor
    Wals initial = Wals.init(m, p);
    int u = 3;
    int[] items = java.util.Arrays.copyOfRange(m.rowItems, m.rowStart[u], m.rowStart[u + 1]);
    float[] weights = java.util.Arrays.copyOfRange(m.rowWeights, m.rowStart[u], m.rowStart[u + 1]);
    float[] out = new float[4];
    initial.foldIn(items, weights, items.length, initial.newScratch(), out);
    float[] expected = java.util.Arrays.copyOfRange(trained.userFactors(), u * 4, u * 4 + 4);
    assertArrayEquals(expected, out, 1e-5f);
  }

  @Test
  void refusesBadParameters() {
    assertThrows(IllegalArgumentException.class, () -> new Wals.Params(0, 1, 0.1, 1, 1));
    assertThrows(IllegalArgumentException.class, () -> new Wals.Params(4, -1, 0.1, 1, 1));
    assertThrows(IllegalArgumentException.class, () -> new Wals.Params(4, 1, 0, 1, 1));
    assertThrows(IllegalArgumentException.class, () -> new Wals.Params(4, 1, 1.5, 1, 1));
    assertThrows(IllegalArgumentException.class, () -> new Wals.Params(4, 1, 0.1, 0, 1));
  }
}
