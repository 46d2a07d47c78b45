package dev.mlsd.core.demo;

import java.io.Console;
import java.io.PrintStream;
import java.util.Locale;
import java.util.function.LongConsumer;

/**
 * Progress of a long demo step (training, batch scoring) that reads well both on a terminal and in
 * a log file.
 *
 * <ul>
 *   <li>{@link Mode#BAR} (a terminal): {@code label [#####.....] 45% 12.3s}, redrawn in place with
 *       a carriage return at most ten times a second;
 *   <li>{@link Mode#LINES} (a log file, CI): one plain line each time another tenth of the work is
 *       done or ten seconds have passed since the last line, whichever comes first, and a last line
 *       on {@link #close()}: {@code label 40% (12.3 s)}. A redirected log gets at most a dozen
 *       lines per bar instead of hundreds of {@code \r} updates;
 *   <li>{@link Mode#NONE}: nothing.
 * </ul>
 *
 * {@link Mode#AUTO} (the default) picks {@code BAR} when the JVM's console is a terminal ({@link
 * Console#isTerminal()}: since JDK 22 {@link System#console()} is non-null even when redirected, so
 * that is the test), else {@code LINES}. The mode can be forced with {@link #setMode} ({@link
 * DemoOptions}' {@code --progress}) or the system property {@code mlsd.progress}.
 *
 * <p>Why not a library: the well-kept choice (me.tongfei:progressbar) brings JLine for terminal
 * handling, which is more than this needs; the only missing piece was the non-terminal case, a few
 * lines here.
 *
 * <p>Progress beyond the total is clamped (an estimate of the work may be an upper bound, e.g.
 * epochs before early stopping). Use as a {@link LongConsumer} of units done.
 *
 * <p>Thread safety: {@link #accept} and {@link #close} are synchronised.
 */
public final class Progress implements LongConsumer, AutoCloseable {
  /** How progress is shown. */
  public enum Mode {
    /** {@link #BAR} on a terminal, else {@link #LINES}. */
    AUTO,
    /** A bar redrawn in place. */
    BAR,
    /** Sparse plain lines. */
    LINES,
    /** Nothing. */
    NONE
  }

  private static final int WIDTH = 30;
  private static final long BAR_REDRAW_NANOS = 100_000_000L;
  private static final long LINE_EVERY_NANOS = 10_000_000_000L;
  private static volatile Mode defaultMode = fromProperty();

  private final PrintStream out;
  private final String label;
  private final long total;
  private final Mode mode;
  private final long start = System.nanoTime();
  private long done;
  private long lastDraw;
  private int lastTenth;
  private boolean closed;

  /**
   * A progress display in the process-wide mode ({@link #setMode}).
   *
   * @param out where to print
   * @param label text before the bar
   * @param total units of work expected, at least 1
   */
  public Progress(PrintStream out, String label, long total) {
    this(out, label, total, defaultMode);
  }

  /**
   * @param out where to print
   * @param label text before the bar
   * @param total units of work expected, at least 1
   * @param mode how to show it; {@link Mode#AUTO} detects a terminal
   */
  public Progress(PrintStream out, String label, long total, Mode mode) {
    if (total < 1) {
      throw new IllegalArgumentException("total must be >= 1, got " + total);
    }
    this.out = out;
    this.label = label;
    this.total = total;
    this.mode = resolve(mode);
    if (this.mode == Mode.BAR) {
      drawBar();
    }
    lastDraw = System.nanoTime();
  }

  /** Sets the mode of every progress display created afterwards (null = {@link Mode#AUTO}). */
  public static void setMode(Mode mode) {
    defaultMode = mode == null ? Mode.AUTO : mode;
  }

  /** The mode {@code mode} stands for on this JVM: {@link Mode#AUTO} resolved. */
  public static Mode resolve(Mode mode) {
    if (mode != null && mode != Mode.AUTO) {
      return mode;
    }
    Console console = System.console();
    return console != null && console.isTerminal() ? Mode.BAR : Mode.LINES;
  }

  /** The mode this display uses (never {@link Mode#AUTO}). */
  public Mode mode() {
    return mode;
  }

  @Override
  public synchronized void accept(long units) {
    if (units < 0) {
      throw new IllegalArgumentException("progress must be >= 0, got " + units);
    }
    done = Math.min(total, done + units);
    long now = System.nanoTime();
    switch (mode) {
      case BAR -> {
        if (now - lastDraw > BAR_REDRAW_NANOS) {
          drawBar();
        }
      }
      case LINES -> {
        int tenth = (int) (10 * done / total);
        if (done < total && (tenth > lastTenth || now - lastDraw >= LINE_EVERY_NANOS)) {
          lastTenth = tenth;
          drawLine();
        }
      }
      default -> {}
    }
  }

  /** Fraction done, in [0, 1]. */
  public synchronized double fraction() {
    return (double) done / total;
  }

  /** Completes the display (the bar filled and its line ended, or the last line). Idempotent. */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    done = total;
    switch (mode) {
      case BAR -> {
        drawBar();
        out.println();
      }
      case LINES -> drawLine();
      default -> {}
    }
    out.flush();
  }

  private void drawBar() {
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

  private void drawLine() {
    lastDraw = System.nanoTime();
    out.println(
        String.format(
            Locale.ROOT,
            "   %-28s %3d%% (%.1f s)",
            label,
            100 * done / total,
            (lastDraw - start) / 1e9));
    out.flush();
  }

  private static Mode fromProperty() {
    String p = System.getProperty("mlsd.progress");
    if (p == null || p.isBlank()) {
      return Mode.AUTO;
    }
    try {
      return Mode.valueOf(p.strip().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      return Mode.AUTO;
    }
  }
}
