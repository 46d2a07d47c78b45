package dev.mlsd.core.monitoring;

/**
 * Divergences between a reference (training) and a current (serving) histogram over the same bins.
 *
 * <pre>
 *   e_i = max(expected_i / sum(expected), eps)       a_i = max(actual_i / sum(actual), eps)
 *   PSI = sum_i (a_i - e_i) * ln(a_i / e_i)
 *   KL(actual || expected) = sum_i a_i * ln(a_i / e_i)      (nats)
 * </pre>
 *
 * <p>{@code eps} ({@value #EPSILON}) keeps empty bins finite, as is usual for PSI. Rules of thumb
 * for PSI: below 0.1 no shift, 0.1 to 0.25 moderate, above 0.25 a shift worth acting on. Both are 0
 * when the distributions are equal; both are NaN when either histogram is empty.
 *
 * <p>Thread safety: stateless.
 *
 * <p>Book: chapter 1, "Monitoring" (data distribution shift). Reference: Yurdakul, "Statistical
 * Properties of Population Stability Index", 2018; Kullback and Leibler, 1951.
 */
public final class DriftStatistics {
  /** The floor of a bin's proportion. */
  public static final double EPSILON = 1e-4;

  private DriftStatistics() {}

  /** Population stability index between reference and current bin counts. */
  public static double psi(long[] expected, long[] actual) {
    check(expected, actual);
    double se = sum(expected);
    double sa = sum(actual);
    if (se == 0 || sa == 0) {
      return Double.NaN;
    }
    double psi = 0;
    for (int i = 0; i < expected.length; i++) {
      double e = Math.max(expected[i] / se, EPSILON);
      double a = Math.max(actual[i] / sa, EPSILON);
      psi += (a - e) * Math.log(a / e);
    }
    return psi;
  }

  /** KL divergence of the current distribution from the reference, in nats. */
  public static double kl(long[] expected, long[] actual) {
    check(expected, actual);
    double se = sum(expected);
    double sa = sum(actual);
    if (se == 0 || sa == 0) {
      return Double.NaN;
    }
    double kl = 0;
    for (int i = 0; i < expected.length; i++) {
      double e = Math.max(expected[i] / se, EPSILON);
      double a = Math.max(actual[i] / sa, EPSILON);
      kl += a * Math.log(a / e);
    }
    return kl;
  }

  private static double sum(long[] c) {
    double s = 0;
    for (long x : c) {
      if (x < 0) {
        throw new IllegalArgumentException("bin counts must be >= 0, got " + x);
      }
      s += x;
    }
    return s;
  }

  private static void check(long[] expected, long[] actual) {
    if (expected.length != actual.length || expected.length == 0) {
      throw new IllegalArgumentException(
          "need the same non-zero number of bins, got "
              + expected.length
              + " and "
              + actual.length);
    }
  }
}
