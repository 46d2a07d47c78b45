package dev.mlsd.core.monitoring;

import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * A latency histogram for one named operation, on HdrHistogram: wait-free, allocation-free
 * recording from any number of threads, three significant digits, values from 1 ns to one minute
 * (longer values are clamped to one minute and still counted).
 *
 * <p>Units: nanoseconds in, microseconds or nanoseconds out as named.
 *
 * <p>Thread safety: {@link #recordNanos(long)} from any thread, wait-free; the reading methods
 * synchronise among themselves and never block recorders.
 *
 * <p>Book: chapter 1, "Monitoring" (latency); chapter 8 (the 10 ms budget).
 */
public final class LatencyRecorder {
  private static final long MAX_NANOS = TimeUnit.MINUTES.toNanos(1);

  private final String name;
  private final Recorder recorder = new Recorder(MAX_NANOS, 3);
  private final Histogram total = new Histogram(MAX_NANOS, 3);
  private Histogram interval;

  /**
   * @param name what is timed, e.g. {@code "ranking"}; used as a metric tag
   */
  public LatencyRecorder(String name) {
    this.name = name;
  }

  /** What is timed. */
  public String name() {
    return name;
  }

  /** Records one duration in nanoseconds; negative values count as 0. */
  public void recordNanos(long nanos) {
    recorder.recordValue(Math.min(MAX_NANOS, Math.max(0, nanos)));
  }

  /** A copy of everything recorded so far. */
  public synchronized Histogram snapshot() {
    drain();
    return total.copy();
  }

  /** Number of durations recorded so far. */
  public synchronized long count() {
    drain();
    return total.getTotalCount();
  }

  /**
   * The latency at a percentile of everything recorded so far, in microseconds; 0 when empty.
   *
   * @param percentile in [0, 100], e.g. 99.9
   */
  public synchronized double percentileMicros(double percentile) {
    drain();
    return total.getValueAtPercentile(percentile) / 1_000.0;
  }

  /** Forgets everything recorded so far. */
  public synchronized void reset() {
    drain();
    total.reset();
  }

  private void drain() {
    interval = recorder.getIntervalHistogram(interval);
    total.add(interval);
  }
}
