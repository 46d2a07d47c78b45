package dev.mlsd.adctr.features;

/**
 * Numeric features for models that take ids: a log transform then equal-width buckets on the log
 * scale, with a bucket for missing values (the missing-value indicator). Click logs' counts are
 * heavy-tailed (Criteo's I5 runs from 0 to over 10^5), which the log tames.
 *
 * <pre>
 *   missing (NaN)  -&gt; 0
 *   v &lt; 0          -&gt; 1
 *   v &gt;= 0         -&gt; 2 + floor(2 * log2(1 + v)), capped at buckets - 1
 * </pre>
 *
 * <p>Thread safety: immutable.
 *
 * @param buckets number of ids, at least 3
 */
public record LogBucketizer(int buckets) {
  /** Enough buckets for values up to 2^23 at half-octave resolution. */
  public static final LogBucketizer DEFAULT = new LogBucketizer(48);

  /** Checks the bucket count. */
  public LogBucketizer {
    if (buckets < 3) {
      throw new IllegalArgumentException("buckets must be >= 3, got " + buckets);
    }
  }

  /** The bucket of a value. */
  public int bucket(float v) {
    if (Float.isNaN(v)) {
      return 0;
    }
    if (v < 0) {
      return 1;
    }
    int b = 2 + (int) (2 * log2(1 + (double) v));
    return Math.min(b, buckets - 1);
  }

  /** The log transform used for dense inputs: {@code log(1 + max(v, 0))}, or -1 when missing. */
  public static float logValue(float v) {
    if (Float.isNaN(v)) {
      return -1f;
    }
    return (float) Math.log1p(Math.max(v, 0f));
  }

  private static double log2(double x) {
    return Math.log(x) / Math.log(2);
  }
}
