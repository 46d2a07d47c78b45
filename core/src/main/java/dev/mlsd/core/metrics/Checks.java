package dev.mlsd.core.metrics;

/**
 * Argument checks shared by the metric classes, so that every metric refuses bad input with the
 * same {@link IllegalArgumentException} messages.
 *
 * <p>Thread safety: stateless.
 */
public final class Checks {
  private Checks() {}

  /** Throws unless {@code a == b}; {@code what} names the two arrays in the message. */
  public static void sameLength(int a, int b, String what) {
    if (a != b) {
      throw new IllegalArgumentException(
          what + " must have the same length, got " + a + " and " + b);
    }
  }

  /** Throws if the array is empty. */
  public static void nonEmpty(int length, String name) {
    if (length == 0) {
      throw new IllegalArgumentException(name + " must not be empty");
    }
  }

  /** Throws unless {@code k >= 1}. */
  public static void positiveK(int k) {
    if (k <= 0) {
      throw new IllegalArgumentException("k must be at least 1, got " + k);
    }
  }

  /** Throws if any score is NaN. Infinite scores are allowed: they still order. */
  public static void noNaN(float[] scores, String name) {
    for (int i = 0; i < scores.length; i++) {
      if (Float.isNaN(scores[i])) {
        throw new IllegalArgumentException(name + "[" + i + "] is NaN");
      }
    }
  }

  /** Throws unless every value is a probability in [0, 1] (NaN included). */
  public static void probabilities(float[] p, String name) {
    for (int i = 0; i < p.length; i++) {
      float v = p[i];
      if (!(v >= 0f && v <= 1f)) {
        throw new IllegalArgumentException(name + "[" + i + "] = " + v + " is not in [0, 1]");
      }
    }
  }

  /** Throws unless {@code value} is a probability in [0, 1]. */
  public static void probability(double value, String name) {
    if (!(value >= 0 && value <= 1)) {
      throw new IllegalArgumentException(name + " = " + value + " is not in [0, 1]");
    }
  }

  /** Counts the {@code true} labels. */
  public static int countPositives(boolean[] labels) {
    int p = 0;
    for (boolean y : labels) {
      if (y) {
        p++;
      }
    }
    return p;
  }
}
