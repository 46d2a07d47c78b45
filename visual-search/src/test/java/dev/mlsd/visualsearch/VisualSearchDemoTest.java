package dev.mlsd.visualsearch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mlsd.core.demo.DemoLauncher;
import dev.mlsd.core.results.ModuleResults;
import dev.mlsd.core.results.ResultsFile;
import dev.mlsd.core.results.Role;
import dev.mlsd.core.testing.DemoOutputs;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The demo as a user runs it, with {@code --quick}: seven steps, valid results, a report. */
class VisualSearchDemoTest {
  @TempDir static Path results;
  static Path out;
  static String printed;
  static int status;

  @BeforeAll
  static void runQuickDemo() {
    out = results.resolve("visual-search");
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    PrintStream stdout = new PrintStream(bytes, true, StandardCharsets.UTF_8);
    status =
        DemoLauncher.execute(
            new VisualSearchDemo(stdout), stdout, stdout, "--quick", "--out", out.toString());
    printed = bytes.toString(StandardCharsets.UTF_8);
  }

  @Test
  void printsTheSevenStepsAndWritesValidResults() throws Exception {
    assertEquals(0, status, printed);
    for (int step = 1; step <= 7; step++) {
      assertTrue(printed.contains("== " + step + ". "), "step " + step);
    }
    assertTrue(printed.contains("seeded sample 2000 / 200"), printed);
    DemoOutputs.assertResultsValid(out);
    ModuleResults r = ResultsFile.read(out.resolve(ResultsFile.NAME));
    assertEquals("visual-search", r.module());
    assertEquals(2, r.chapter());
    assertEquals(4, r.models().size());
    assertEquals(Role.TRIVIAL, r.models().getFirst().role());
    assertEquals(Role.SERVED, r.models().getLast().role());
    assertTrue(r.served().metric("map@10").hasInterval());
    assertTrue(r.served().latency().requests() >= 200);
  }

  @Test
  void reportRendersInChromium() {
    assertEquals(0, status, printed);
    DemoOutputs.assertReportRenders(out, "visual-search", 2);
  }

  @Test
  void aTrainingBudgetBelowOneSecondIsAUserError() {
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8);
    int code =
        DemoLauncher.execute(
            new VisualSearchDemo(e),
            e,
            e,
            "--train-seconds",
            "0",
            "--out",
            results.resolve("x").toString());
    assertEquals(2, code);
    assertEquals(
        "error: --train-seconds must be at least 1, got 0",
        err.toString(StandardCharsets.UTF_8).strip());
  }
}
