package dev.mlsd.recommendation.model;

import java.util.SplittableRandom;

/**
 * A tiny two-tower fixture: 6 videos with 4 content features each, users of 5 features, towers 4
 * wide with 3-wide embeddings and 2-wide ID embeddings.
 */
final class TinyTowers {
  static final int USER_WIDTH = 5;
  static final int VIDEO_WIDTH = 4;
  static final int ITEMS = 6;

  private TinyTowers() {}

  static TwoTowerModel.Params params(int epochs, int batch, long seed) {
    return new TwoTowerModel.Params(4, 3, 2, 100, epochs, batch, 0.01, true, seed);
  }

  static float[] videoTable(long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    float[] t = new float[ITEMS * VIDEO_WIDTH];
    for (int i = 0; i < t.length; i++) {
      t[i] = (float) r.nextGaussian();
    }
    return t;
  }

  /**
   * Learnable examples: the user's features say which half of the catalogue (videos 0-2 or 3-5) and
   * which video in it, plus noise.
   */
  static TwoTowerExamples examples(int n, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    float[] x = new float[n * USER_WIDTH];
    int[] items = new int[n];
    for (int e = 0; e < n; e++) {
      int item = r.nextInt(ITEMS);
      items[e] = item;
      x[e * USER_WIDTH + (item < 3 ? 0 : 1)] = 1f;
      x[e * USER_WIDTH + 2 + item % 3] = 1f;
      for (int j = 0; j < USER_WIDTH; j++) {
        x[e * USER_WIDTH + j] += (float) (0.1 * r.nextGaussian());
      }
    }
    return new TwoTowerExamples(x, items, n, USER_WIDTH);
  }
}
