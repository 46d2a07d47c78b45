package dev.mlsd.core.metrics;

import java.util.SplittableRandom;

/** Seeded random inputs for the metric property tests. */
public final class TestData {
  private TestData() {}

  /** Scores drawn from {@code levels} distinct values, so that ties are frequent. */
  public static float[] scoresWithTies(SplittableRandom random, int n, int levels) {
    float[] s = new float[n];
    for (int i = 0; i < n; i++) {
      s[i] = random.nextInt(levels) / (float) levels;
    }
    return s;
  }

  /** Scores uniform in (0, 1), almost surely distinct. */
  public static float[] uniform(SplittableRandom random, int n) {
    float[] s = new float[n];
    for (int i = 0; i < n; i++) {
      s[i] = (float) (0.001 + 0.998 * random.nextDouble());
    }
    return s;
  }

  /** Labels positive with probability {@code rate}, with at least one of each class. */
  public static boolean[] labels(SplittableRandom random, int n, double rate) {
    boolean[] y = new boolean[n];
    for (int i = 0; i < n; i++) {
      y[i] = random.nextDouble() < rate;
    }
    y[0] = true;
    y[n - 1] = false;
    return y;
  }

  /** Labels that follow the scores (a positive is more likely at a high score). */
  public static boolean[] labelsFollowing(SplittableRandom random, float[] scores) {
    boolean[] y = new boolean[scores.length];
    for (int i = 0; i < scores.length; i++) {
      y[i] = random.nextDouble() < scores[i];
    }
    y[0] = true;
    y[scores.length - 1] = false;
    return y;
  }

  /** Booleans to Smile's 0/1 ints. */
  public static int[] toInts(boolean[] y) {
    int[] r = new int[y.length];
    for (int i = 0; i < y.length; i++) {
      r[i] = y[i] ? 1 : 0;
    }
    return r;
  }

  /** Floats to doubles. */
  public static double[] toDoubles(float[] x) {
    double[] r = new double[x.length];
    for (int i = 0; i < x.length; i++) {
      r[i] = x[i];
    }
    return r;
  }
}
