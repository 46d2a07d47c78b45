package dev.mlsd.core.monitoring;

import java.util.Arrays;

/**
 * Bins for one feature, learned from its training values: quantile edges, so each training bin
 * holds about the same share, plus one bin for NaN (a missing value). Counting a value is a binary
 * search over the edges, no allocation.
 *
 * <p>Bin {@code i < edges} holds values {@code v} with {@code edges[i-1] <= v < edges[i]}; the last
 * finite bin holds everything from the last edge up; bin {@link #nanBin()} holds NaN.
 *
 * <p>Immutable; thread-safe.
 */
public final class BinnedDistribution {
  private final float[] edges;
  private final long[] trainingCounts;

  /**
   * @param trainingValues the feature's values in the training data, at least one
   * @param bins how many finite bins to aim for, at least 2 (fewer when values repeat)
   */
  public BinnedDistribution(float[] trainingValues, int bins) {
    if (trainingValues == null || trainingValues.length == 0) {
      throw new IllegalArgumentException("need at least one training value");
    }
    if (bins < 2) {
      throw new IllegalArgumentException("bins must be >= 2, got " + bins);
    }
    float[] finite = new float[trainingValues.length];
    int n = 0;
    for (float v : trainingValues) {
      if (!Float.isNaN(v)) {
        finite[n++] = v;
      }
    }
    float[] sorted = Arrays.copyOf(finite, n);
    Arrays.sort(sorted);
    float[] e = new float[bins - 1];
    int m = 0;
    for (int i = 1; i < bins && n > 0; i++) {
      float edge = sorted[(int) Math.min(n - 1, (long) i * n / bins)];
      if ((m == 0 || edge > e[m - 1]) && edge > sorted[0]) {
        e[m++] = edge;
      }
    }
    this.edges = Arrays.copyOf(e, m);
    this.trainingCounts = new long[bins()];
    for (float v : trainingValues) {
      trainingCounts[bin(v)]++;
    }
  }

  /** Number of bins, the NaN bin included. */
  public int bins() {
    return edges.length + 2;
  }

  /** The index of the NaN bin (the last). */
  public int nanBin() {
    return edges.length + 1;
  }

  /** The bin of a value. */
  public int bin(float v) {
    if (Float.isNaN(v)) {
      return nanBin();
    }
    int lo = 0;
    int hi = edges.length;
    // first edge greater than v: the number of edges <= v
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (edges[mid] <= v) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }

  /** A copy of the training counts per bin. */
  public long[] trainingCounts() {
    return trainingCounts.clone();
  }

  /** A copy of the edges. */
  public float[] edges() {
    return edges.clone();
  }
}
