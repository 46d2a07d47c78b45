package dev.mlsd.harmful;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mlsd.core.demo.DemoLauncher;
import dev.mlsd.core.results.ModuleResults;
import dev.mlsd.core.results.ResultsFile;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The demo as a user runs it, with {@code --quick}: seven steps, valid results, a report. */
class HarmfulContentDemoTest {
  @TempDir static Path results;
  static Path out;
  static String printed;
  static int status;

  @BeforeAll
  static void runQuickDemo() {
    out = results.resolve("harmful-content");
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    PrintStream stdout = new PrintStream(bytes, true, StandardCharsets.UTF_8);
    status =
        DemoLauncher.execute(
            new HarmfulContentDemo(stdout), stdout, stdout, "--quick", "--out", out.toString());
    printed = bytes.toString(StandardCharsets.UTF_8);
  }

  @Test
  void printsTheSevenStepsAndWritesValidResults() throws Exception {
    assertEquals(0, status, printed);
    for (int step = 1; step <= 7; step++) {
      assertTrue(printed.contains("Step " + step + "/7"), "step " + step);
    }
    assertTrue(printed.contains("replaying 600 test posts"), printed);
    assertTrue(printed.contains("rejected 0"), printed);
    dev.mlsd.core.testing.DemoOutputs.assertResultsValid(out);
    ModuleResults r = ResultsFile.read(out.resolve(ResultsFile.NAME));
    assertEquals("harmful-content", r.module());
    assertEquals(5, r.chapter());
    assertTrue(Files.exists(out.resolve("multi-task.graph")));
  }

  @Test
  void reportRendersInChromium() {
    assertEquals(0, status, printed);
    dev.mlsd.core.testing.DemoOutputs.assertReportRenders(out, "harmful-content", 2);
  }

  @Test
  void aSeedCountOutOfRangeIsAUserError() {
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8);
    int code =
        DemoLauncher.execute(
            new HarmfulContentDemo(e),
            e,
            e,
            "--seeds",
            "0",
            "--out",
            results.resolve("x").toString());
    assertEquals(2, code);
    assertEquals(
        "error: --seeds must be from 1 to 10, got 0", err.toString(StandardCharsets.UTF_8).strip());
  }
}
