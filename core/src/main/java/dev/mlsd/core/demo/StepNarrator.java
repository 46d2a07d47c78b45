package dev.mlsd.core.demo;

import java.io.PrintStream;
import java.util.Locale;

/**
 * Prints a demo as the book's seven steps, in order: a heading per step, then what ran and what
 * came out, then how long the step took. Every module's demo narrates through this class, so they
 * all read the same way.
 *
 * <p>Thread safety: none; one narrator per demo thread.
 *
 * <p>Book: the framework of chapter 1 (the seven steps).
 */
public final class StepNarrator {
  /** The book's seven steps, in order. */
  public static final String[] STEPS = {
    "Clarifying requirements",
    "Framing as an ML task",
    "Data preparation",
    "Feature engineering",
    "Model development",
    "Evaluation",
    "Serving and monitoring"
  };

  private final PrintStream out;
  private final String module;
  private int current;
  private long stepStart;
  private final long start = System.nanoTime();

  /**
   * @param out where to print
   * @param module the module's name, printed in the banner
   */
  public StepNarrator(PrintStream out, String module) {
    this.out = out;
    this.module = module;
  }

  /** Prints the demo's banner. */
  public void banner(String title, String subtitle) {
    out.println("=".repeat(78));
    out.println(title + "  [" + module + "]");
    if (subtitle != null && !subtitle.isEmpty()) {
      out.println(subtitle);
    }
    out.println("=".repeat(78));
  }

  /**
   * Starts step {@code n} (1..7), closing the previous one.
   *
   * @throws IllegalArgumentException if {@code n} is not after the current step
   */
  public void step(int n) {
    if (n < 1 || n > STEPS.length || n <= current) {
      throw new IllegalArgumentException(
          "steps run in order 1.." + STEPS.length + "; at " + current + ", asked for " + n);
    }
    finishStep();
    current = n;
    stepStart = System.nanoTime();
    out.println();
    out.println(
        "-- Step "
            + n
            + "/"
            + STEPS.length
            + ": "
            + STEPS[n - 1]
            + " "
            + "-".repeat(Math.max(0, 60 - STEPS[n - 1].length())));
  }

  /** Prints one line of the current step. */
  public void say(String line) {
    out.println("   " + line);
  }

  /** Prints a formatted line of the current step ({@link Locale#ROOT}). */
  public void sayf(String format, Object... args) {
    say(String.format(Locale.ROOT, format, args));
  }

  /** Prints a key and a value, aligned. */
  public void kv(String key, Object value) {
    out.println(String.format(Locale.ROOT, "   %-24s %s", key + ":", value));
  }

  /** Prints a multi-line block (a table) indented. */
  public void block(String text) {
    for (String line : text.split("\n", -1)) {
      if (!line.isEmpty()) {
        out.println("   " + line);
      }
    }
  }

  /** The stream printed to (for progress bars between lines). */
  public PrintStream out() {
    return out;
  }

  /** Closes the last step and prints the total time. */
  public void done() {
    finishStep();
    out.println();
    out.println(String.format(Locale.ROOT, "Done in %.1f s.", (System.nanoTime() - start) / 1e9));
  }

  private void finishStep() {
    if (current > 0) {
      out.println(
          String.format(
              Locale.ROOT,
              "   (step %d took %.1f s)",
              current,
              (System.nanoTime() - stepStart) / 1e9));
    }
  }
}
