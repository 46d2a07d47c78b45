package dev.mlsd.core.demo;

import java.io.PrintStream;
import java.util.Locale;
import java.util.function.LongConsumer;

/**
 * A one-line text progress bar for long demo steps (training): {@code label [#####.....] 45%
 * 12.3s}, redrawn in place with a carriage return at most ten times a second. Progress beyond the
 * total is clamped (an estimate of the work may be an upper bound, e.g. epochs before early
 * stopping). Use as a {@link LongConsumer} of units done.
 *
 * <p>Thread safety: {@link #accept} and {@link #close} are synchronised.
 */
public final class ProgressBar implements LongConsumer, AutoCloseable {
  private static final int WIDTH = 30;

  private final PrintStream out;
  private final String label;
  private final long total;
  private final long start = System.nanoTime();
  private long done;
  private long lastDraw;
  private boolean closed;

  /**
   * @param out where to draw
   * @param label text before the bar
   * @param total units of work expected, at least 1
   */
  public ProgressBar(PrintStream out, String label, long total) {
    if (total < 1) {
      throw new IllegalArgumentException("total must be >= 1, got " + total);
    }
    this.out = out;
    this.label = label;
    this.total = total;
    draw();
  }

  @Override
  public synchronized void accept(long units) {
    if (units < 0) {
      throw new IllegalArgumentException("progress must be >= 0, got " + units);
    }
    done = Math.min(total, done + units);
    long now = System.nanoTime();
    if (now - lastDraw > 100_000_000L) {
      draw();
    }
  }

  /** Fraction done, in [0, 1]. */
  public synchronized double fraction() {
    return (double) done / total;
  }

  /** Fills the bar and ends the line. Idempotent. */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    done = total;
    draw();
    out.println();
    closed = true;
  }

  private void draw() {
    lastDraw = System.nanoTime();
    int filled = (int) (WIDTH * done / total);
    out.print(
        String.format(
            Locale.ROOT,
            "\r   %-28s [%s%s] %3d%% %5.1fs",
            label,
            "#".repeat(filled),
            ".".repeat(WIDTH - filled),
            100 * done / total,
            (lastDraw - start) / 1e9));
    out.flush();
  }
}
