package dev.mlsd.core.monitoring;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.LongAdder;

/**
 * Watches the serving distribution of each feature and of the predictions against their training
 * distribution: serving values are counted into bins learned from the training values ({@link
 * BinnedDistribution}), and {@link #psi(int)} and {@link #kl(int)} compare the two at any time
 * ({@link DriftStatistics}).
 *
 * <p>Thread safety: {@link #observe(int, float)} from any number of threads (striped counters, no
 * allocation); readers see a consistent-enough snapshot (counts may move while read).
 *
 * <p>Book: chapter 1, "Monitoring" (data distribution shift, feature and prediction drift).
 */
public final class DriftMonitor {
  private final String[] names;
  private final BinnedDistribution[] distributions;
  private final LongAdder[][] serving;

  private DriftMonitor(List<String> names, List<BinnedDistribution> distributions) {
    this.names = names.toArray(new String[0]);
    this.distributions = distributions.toArray(new BinnedDistribution[0]);
    this.serving = new LongAdder[this.names.length][];
    for (int f = 0; f < this.names.length; f++) {
      serving[f] = new LongAdder[this.distributions[f].bins()];
      for (int b = 0; b < serving[f].length; b++) {
        serving[f][b] = new LongAdder();
      }
    }
  }

  /**
   * Starts declaring the watched features.
   *
   * @param bins finite bins per feature, at least 2 (10 is usual)
   */
  public static Builder builder(int bins) {
    return new Builder(bins);
  }

  /** Number of watched features (predictions included if declared). */
  public int features() {
    return names.length;
  }

  /** The name of watched feature {@code f}. */
  public String featureName(int f) {
    return names[f];
  }

  /** The index of a watched feature by name, or -1. */
  public int indexOf(String name) {
    for (int f = 0; f < names.length; f++) {
      if (names[f].equals(name)) {
        return f;
      }
    }
    return -1;
  }

  /** Counts one serving value of feature {@code f}. */
  public void observe(int f, float value) {
    serving[f][distributions[f].bin(value)].increment();
  }

  /**
   * Counts one serving row: {@code row[offset + f]} for the first {@code count} watched features.
   */
  public void observeRow(float[] row, int offset, int count) {
    for (int f = 0; f < count; f++) {
      observe(f, row[offset + f]);
    }
  }

  /** Serving values of feature {@code f} counted so far. */
  public long observations(int f) {
    long n = 0;
    for (LongAdder a : serving[f]) {
      n += a.sum();
    }
    return n;
  }

  /** PSI of feature {@code f}, training vs serving so far; NaN before any serving value. */
  public double psi(int f) {
    return DriftStatistics.psi(distributions[f].trainingCounts(), servingCounts(f));
  }

  /** KL(serving || training) of feature {@code f}, nats; NaN before any serving value. */
  public double kl(int f) {
    return DriftStatistics.kl(distributions[f].trainingCounts(), servingCounts(f));
  }

  /** A copy of feature {@code f}'s serving counts per bin. */
  public long[] servingCounts(int f) {
    long[] c = new long[serving[f].length];
    for (int b = 0; b < c.length; b++) {
      c[b] = serving[f][b].sum();
    }
    return c;
  }

  /** Forgets the serving counts (start a new monitoring window). */
  public void resetServing() {
    for (LongAdder[] bins : serving) {
      for (LongAdder a : bins) {
        a.reset();
      }
    }
  }

  /** Declares watched features with their training values. */
  public static final class Builder {
    private final int bins;
    private final List<String> names = new ArrayList<>();
    private final List<BinnedDistribution> distributions = new ArrayList<>();

    private Builder(int bins) {
      if (bins < 2) {
        throw new IllegalArgumentException("bins must be >= 2, got " + bins);
      }
      this.bins = bins;
    }

    /**
     * Watches one feature (or the predictions).
     *
     * @param name a unique name, e.g. {@code "ad_ctr_7d"} or {@code "prediction"}
     * @param trainingValues its values in the training data
     */
    public Builder feature(String name, float[] trainingValues) {
      if (name == null || name.isBlank() || names.contains(name)) {
        throw new IllegalArgumentException("feature names must be unique and non-blank: " + name);
      }
      names.add(name);
      distributions.add(new BinnedDistribution(trainingValues, bins));
      return this;
    }

    /** Builds the monitor. */
    public DriftMonitor build() {
      if (names.isEmpty()) {
        throw new IllegalStateException("a drift monitor needs at least one feature");
      }
      return new DriftMonitor(names, distributions);
    }
  }
}
