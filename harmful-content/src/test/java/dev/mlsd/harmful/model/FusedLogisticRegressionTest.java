package dev.mlsd.harmful.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mlsd.core.metrics.classification.RocAuc;
import dev.mlsd.harmful.features.EncodedPosts;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The LR over n-grams and dense families: the baseline when there is no dense family. */
class FusedLogisticRegressionTest {
  /**
   * Posts with 1-4 ids among 64 buckets, labels tied to ids 0-7, and {@code width} dense columns.
   */
  private static Object[] fixture(int n, int width, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    int[] offsets = new int[n + 1];
    int[] ids = new int[n * 4];
    float[] dense = new float[n * width];
    boolean[][] y = new boolean[2][n];
    int k = 0;
    for (int i = 0; i < n; i++) {
      int count = 1 + r.nextInt(4);
      boolean low = false;
      for (int c = 0; c < count; c++) {
        int id = r.nextInt(64);
        low |= id < 8;
        ids[k++] = id;
      }
      offsets[i + 1] = k;
      y[0][i] = low ^ (r.nextInt(10) == 0);
      y[1][i] = r.nextBoolean();
      for (int d = 0; d < width; d++) {
        // column 0 carries task 1's label, the others are noise on another scale
        dense[i * width + d] =
            d == 0
                ? (y[1][i] ? 5f : 3f) + (float) r.nextGaussian() * 0.5f
                : 100f + (float) r.nextGaussian() * 20f;
      }
    }
    EncodedPosts x =
        new EncodedPosts(n, 64, width, offsets, java.util.Arrays.copyOf(ids, k), dense, 0);
    return new Object[] {x, y};
  }

  @Test
  void withoutDenseFamiliesItIsTheBaseline() {
    Object[] f = fixture(600, 0, 1);
    EncodedPosts x = (EncodedPosts) f[0];
    boolean[][] y = (boolean[][]) f[1];
    float[][] ours = FusedLogisticRegression.train(x, y, 1.0, 1e-5, 500).predict(x);
    float[][] smile = HashedLogisticRegression.train(x, y, 1.0).predict(x);
    for (int t = 0; t < 2; t++) {
      for (int i = 0; i < x.size(); i++) {
        assertEquals(smile[t][i], ours[t][i], 2e-3, "task " + t + " post " + i);
      }
    }
  }

  @Test
  void learnsFromAStandardisedDenseColumn() {
    Object[] f = fixture(600, 3, 2);
    EncodedPosts x = (EncodedPosts) f[0];
    boolean[][] y = (boolean[][]) f[1];
    FusedLogisticRegression m = FusedLogisticRegression.train(x, y, 1.0, 1e-5, 500);
    float[][] p = m.predict(x);
    assertTrue(RocAuc.compute(p[1], y[1]) > 0.9, "task 1 is readable from dense column 0");
    float[][] baseline = HashedLogisticRegression.train(x, y, 1.0).predict(x);
    assertTrue(RocAuc.compute(baseline[1], y[1]) < 0.75, "the n-grams alone do not carry it");
  }

  @Test
  void log1pExpDoesNotOverflow() {
    assertEquals(800.0, FusedLogisticRegression.log1pExp(800), 1e-9);
    assertEquals(Math.log(2), FusedLogisticRegression.log1pExp(0), 1e-12);
    assertEquals(Math.exp(-800), FusedLogisticRegression.log1pExp(-800), 1e-300);
  }

  @Test
  void refusesPostsOfAnotherFeaturiser() {
    Object[] f = fixture(100, 2, 3);
    FusedLogisticRegression m =
        FusedLogisticRegression.train((EncodedPosts) f[0], (boolean[][]) f[1], 1.0, 1e-5, 50);
    EncodedPosts other = (EncodedPosts) fixture(10, 0, 4)[0];
    assertThrows(IllegalArgumentException.class, () -> m.predict(other));
  }
}
