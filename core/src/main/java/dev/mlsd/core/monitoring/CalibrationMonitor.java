package dev.mlsd.core.monitoring;

import java.util.concurrent.atomic.DoubleAdder;
import java.util.concurrent.atomic.LongAdder;

/**
 * Calibration drift on labelled serving traffic (labels arrive later, e.g. clicks): the ratio of
 * the mean prediction to the observed positive rate, its distance from the reference ratio measured
 * on the validation split, and the expected calibration error over equal-width bins (the same
 * binning as {@code dev.mlsd.core.metrics.calibration.ExpectedCalibrationError #equalWidth}, its
 * offline twin).
 *
 * <p>A ratio above 1 means the model over-predicts; a drift that grows over time says the model
 * needs re-calibration or retraining.
 *
 * <p>Thread safety: {@link #record(float, boolean)} from any thread (striped counters).
 *
 * <p>Book: chapter 1, "Monitoring"; chapter 8, "Calibration".
 */
public final class CalibrationMonitor {
  private final double referenceRatio;
  private final int bins;
  private final LongAdder[] counts;
  private final DoubleAdder[] sumP;
  private final LongAdder[] positives;

  /**
   * @param referenceRatio predicted/observed on the validation split (1 is perfect)
   * @param bins equal-width bins over [0, 1] for the ECE, at least 1
   */
  public CalibrationMonitor(double referenceRatio, int bins) {
    if (!(referenceRatio > 0) || Double.isInfinite(referenceRatio)) {
      throw new IllegalArgumentException("referenceRatio must be > 0, got " + referenceRatio);
    }
    if (bins < 1) {
      throw new IllegalArgumentException("bins must be >= 1, got " + bins);
    }
    this.referenceRatio = referenceRatio;
    this.bins = bins;
    this.counts = new LongAdder[bins];
    this.sumP = new DoubleAdder[bins];
    this.positives = new LongAdder[bins];
    for (int b = 0; b < bins; b++) {
      counts[b] = new LongAdder();
      sumP[b] = new DoubleAdder();
      positives[b] = new LongAdder();
    }
  }

  /**
   * Records one labelled prediction.
   *
   * @param p the predicted probability, in [0, 1]
   * @param label what happened
   */
  public void record(float p, boolean label) {
    if (!(p >= 0f && p <= 1f)) {
      throw new IllegalArgumentException("probability must be in [0, 1], got " + p);
    }
    int b = Math.min((int) ((double) p * bins), bins - 1);
    counts[b].increment();
    sumP[b].add(p);
    if (label) {
      positives[b].increment();
    }
  }

  /** Labelled predictions recorded. */
  public long count() {
    long n = 0;
    for (LongAdder c : counts) {
      n += c.sum();
    }
    return n;
  }

  /** Sum of predictions / number of positives; NaN with no positive yet. */
  public double ratio() {
    double p = 0;
    long y = 0;
    for (int b = 0; b < bins; b++) {
      p += sumP[b].sum();
      y += positives[b].sum();
    }
    return y == 0 ? Double.NaN : p / y;
  }

  /** |ratio - reference ratio|; NaN with no positive yet. */
  public double drift() {
    return Math.abs(ratio() - referenceRatio);
  }

  /** Expected calibration error over the equal-width bins; NaN before any record. */
  public double expectedCalibrationError() {
    long n = count();
    if (n == 0) {
      return Double.NaN;
    }
    double ece = 0;
    for (int b = 0; b < bins; b++) {
      long c = counts[b].sum();
      if (c > 0) {
        ece += (double) c / n * Math.abs(sumP[b].sum() / c - (double) positives[b].sum() / c);
      }
    }
    return ece;
  }
}
