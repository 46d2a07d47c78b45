package dev.mlsd.recommendation.model;

import java.util.SplittableRandom;

/** The trainers' seeded Fisher-Yates shuffle of example indices. Thread safety: stateless. */
final class Shuffle {
  private Shuffle() {}

  /** Shuffles {@code a[0, n)} in place, drawing from {@code rnd} (same seed, same order). */
  static void inPlace(int[] a, int n, SplittableRandom rnd) {
    for (int i = n - 1; i > 0; i--) {
      int j = rnd.nextInt(i + 1);
      int t = a[i];
      a[i] = a[j];
      a[j] = t;
    }
  }
}
