package dev.mlsd.core.demo;

import java.io.PrintStream;

/**
 * Drops whole lines that a library prints to {@code System.out} with {@code println(String)} and
 * that start with a known prefix, for as long as it is open; every other write passes through
 * unchanged (so progress bars that redraw with {@code \r} keep working).
 *
 * <p>Why: DL4J 1.0.0-M2.1's SameDiff prints {@code "Added differentiated op ..."} with {@code
 * System.out.println} (not through a logger) each time it builds a gradient function, which buries
 * a demo's narration.
 *
 * <pre>{@code
 * try (QuietStdout quiet = QuietStdout.dropping("Added differentiated op")) {
 *   graph.fit(data);
 * }
 * }</pre>
 *
 * <p>Thread safety: swaps the process-wide {@code System.out}; open it from one thread at a time.
 * It puts back whatever {@code System.out} was when it opened.
 */
public final class QuietStdout implements AutoCloseable {
  private final PrintStream original;

  private QuietStdout(PrintStream original, String prefix) {
    this.original = original;
    System.setOut(
        new PrintStream(original, true) {
          @Override
          public void println(String x) {
            if (x == null || !x.startsWith(prefix)) {
              super.println(x);
            }
          }
        });
  }

  /**
   * Starts dropping {@code println} lines that begin with {@code prefix}.
   *
   * @throws IllegalArgumentException if the prefix is empty
   */
  public static QuietStdout dropping(String prefix) {
    if (prefix == null || prefix.isEmpty()) {
      throw new IllegalArgumentException("prefix must be non-empty");
    }
    return new QuietStdout(System.out, prefix);
  }

  /** Puts back the {@code System.out} that was in place when this was opened. */
  @Override
  public void close() {
    System.out.flush();
    System.setOut(original);
  }
}
