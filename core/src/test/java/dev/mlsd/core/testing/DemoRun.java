package dev.mlsd.core.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mlsd.core.demo.DemoLauncher;
import dev.mlsd.core.demo.StepNarrator;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.function.Function;

/**
 * One run of a module's demo in process, as a user runs it from the command line: the exit status
 * and everything it printed (standard output and error together, in order).
 *
 * <pre>{@code
 * DemoRun run = DemoRun.of(AdCtrDemo::new, "--quick", "--out", out.toString());
 * run.assertSevenSteps();
 * assertEquals("error: ...", DemoRun.userError(AdCtrDemo::new, "--negative-rate", "2"));
 * }</pre>
 *
 * @param status the exit status {@link DemoLauncher#execute} returned
 * @param printed what the demo printed
 */
public record DemoRun(int status, String printed) {

  /**
   * Runs a demo built around the stream it narrates to.
   *
   * @param demo makes the demo's picocli command, given the stream it prints to
   * @param args the command line
   */
  public static DemoRun of(Function<PrintStream, ?> demo, String... args) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    PrintStream stream = new PrintStream(bytes, true, StandardCharsets.UTF_8);
    int status = DemoLauncher.execute(demo.apply(stream), stream, stream, args);
    return new DemoRun(status, bytes.toString(StandardCharsets.UTF_8));
  }

  /**
   * Runs a demo with arguments a user gets wrong and returns its one-line message, asserting the
   * user-error exit status ({@link DemoLauncher#USER_ERROR}).
   */
  public static String userError(Function<PrintStream, ?> demo, String... args) {
    DemoRun run = of(demo, args);
    assertEquals(DemoLauncher.USER_ERROR, run.status(), run.printed());
    return run.printed().strip();
  }

  /** Asserts exit status 0 and the book's seven step headings of {@link StepNarrator}, in order. */
  public void assertSevenSteps() {
    assertEquals(0, status, printed);
    int from = 0;
    for (int step = 1; step <= StepNarrator.STEPS.length; step++) {
      String heading = "Step " + step + "/" + StepNarrator.STEPS.length + ": ";
      int at = printed.indexOf(heading, from);
      assertTrue(at >= 0, "no '" + heading + "' after the previous step in:\n" + printed);
      from = at;
    }
  }
}
