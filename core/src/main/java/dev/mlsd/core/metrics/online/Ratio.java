package dev.mlsd.core.metrics.online;

/** The checked count ratio behind every rate in this package. */
final class Ratio {
  private Ratio() {}

  /** numerator / denominator, refusing negative counts, a zero denominator, or num &gt; den. */
  static double of(long numerator, long denominator, String numeratorName, String denominatorName) {
    if (numerator < 0 || denominator < 0) {
      throw new IllegalArgumentException(
          numeratorName + " and " + denominatorName + " must not be negative");
    }
    if (denominator == 0) {
      throw new IllegalArgumentException("undefined with zero " + denominatorName);
    }
    if (numerator > denominator) {
      throw new IllegalArgumentException(
          numeratorName
              + " ("
              + numerator
              + ") exceed "
              + denominatorName
              + " ("
              + denominator
              + ")");
    }
    return (double) numerator / denominator;
  }
}
