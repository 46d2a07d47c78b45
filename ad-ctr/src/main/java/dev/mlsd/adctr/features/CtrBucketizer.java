package dev.mlsd.adctr.features;

/**
 * Historical click-through rates (batch features) as ids: bucket 0 when there is no history, else
 * one of {@code buckets - 1} buckets on a square-root scale of the CTR, which gives low rates
 * (where most ads are) finer buckets.
 *
 * <p>Thread safety: immutable.
 *
 * @param buckets number of ids, at least 2
 */
public record CtrBucketizer(int buckets) {
  /** 16 buckets. */
  public static final CtrBucketizer DEFAULT = new CtrBucketizer(16);

  /** Checks the bucket count. */
  public CtrBucketizer {
    if (buckets < 2) {
      throw new IllegalArgumentException("buckets must be >= 2, got " + buckets);
    }
  }

  /** The bucket of a rate in [0, 1], or 0 for {@code NaN} (no history). */
  public int bucket(float ctr) {
    if (Float.isNaN(ctr)) {
      return 0;
    }
    double s = Math.sqrt(Math.min(1f, Math.max(0f, ctr)));
    return 1 + Math.min(buckets - 2, (int) (s * (buckets - 1)));
  }
}
