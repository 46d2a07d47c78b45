package dev.mlsd.benchmarks.inference;

/** A benchmark's check of its own result: a fast wrong answer fails instead of scoring. */
final class Check {
  private Check() {}

  /** Throws if the arrays differ by more than {@code tol} anywhere (or in length). */
  static void sameWithin(double tol, float[] expected, float[] actual, String what) {
    if (expected.length > actual.length) {
      throw new AssertionError(what + ": " + expected.length + " vs " + actual.length + " values");
    }
    for (int i = 0; i < expected.length; i++) {
      double d = Math.abs((double) expected[i] - actual[i]);
      if (!(d <= tol)) {
        throw new AssertionError(what + ": differs by " + d + " at " + i);
      }
    }
  }
}
