package dev.mlsd.recommendation.model;

import java.util.SplittableRandom;

/**
 * Draws negative videos for two-tower training: with probability {@code 1 - uniformShare} in
 * proportion to {@code count^power} of training watches (word2vec's smoothing; popular videos make
 * harder negatives), otherwise uniformly over the catalogue (so never-watched videos are pushed
 * down too). A sampled negative may be a video the user watched (rare; the usual approximation).
 *
 * <p>Thread safety: immutable; the caller owns the random source.
 */
public final class PopularityNegativeSampler {
  private final double[] cumulative;
  private final double uniformShare;

  /**
   * @param counts training watches per item
   * @param power smoothing exponent, e.g. 0.75
   * @param uniformShare share of uniform draws, in [0, 1]
   */
  public PopularityNegativeSampler(int[] counts, double power, double uniformShare) {
    if (!(uniformShare >= 0 && uniformShare <= 1)) {
      throw new IllegalArgumentException("uniformShare must be in [0, 1]");
    }
    cumulative = new double[counts.length];
    double s = 0;
    for (int i = 0; i < counts.length; i++) {
      s += Math.pow(Math.max(0, counts[i]), power);
      cumulative[i] = s;
    }
    this.uniformShare = s == 0 ? 1 : uniformShare;
  }

  /** One negative item index. */
  public int sample(SplittableRandom rnd) {
    int n = cumulative.length;
    if (rnd.nextDouble() < uniformShare) {
      return rnd.nextInt(n);
    }
    double x = rnd.nextDouble() * cumulative[n - 1];
    int i = java.util.Arrays.binarySearch(cumulative, x);
    i = i < 0 ? -i - 1 : i + 1;
    return Math.min(i, n - 1);
  }
}
