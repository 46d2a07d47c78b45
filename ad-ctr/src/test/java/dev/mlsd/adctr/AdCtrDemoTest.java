package dev.mlsd.adctr;

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
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The demo as a user runs it, with {@code --quick}: seven steps, valid results, a report. */
class AdCtrDemoTest {
  @TempDir static Path results;
  static Path out;
  static String printed;
  static int status;

  @BeforeAll
  static void runQuickDemo() {
    out = results.resolve("ad-ctr");
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    PrintStream stdout = new PrintStream(bytes, true, StandardCharsets.UTF_8);
    status =
        DemoLauncher.execute(
            new AdCtrDemo(stdout), stdout, stdout, "--quick", "--out", out.toString());
    printed = bytes.toString(StandardCharsets.UTF_8);
  }

  @Test
  void printsTheSevenStepsAndWritesValidResults() throws Exception {
    assertEquals(0, status, printed);
    for (int step = 1; step <= 7; step++) {
      assertTrue(printed.contains("Step " + step + "/7"), "step " + step);
    }
    DemoOutputs.assertResultsValid(out);
    ModuleResults r = ResultsFile.read(out.resolve(ResultsFile.NAME));
    assertEquals("ad-ctr", r.module());
    assertEquals(8, r.chapter());
    assertEquals(Role.TRIVIAL, r.models().getFirst().role());
    assertTrue(r.served().latency().requests() >= 300);
    assertTrue(r.served().metric("auc").hasInterval());
    assertTrue(Files.isRegularFile(results.resolve("index.html")));
  }

  @Test
  void reportRendersInChromium() {
    assertEquals(0, status, printed);
    DemoOutputs.assertReportRenders(out, "ad-ctr", 6);
  }

  @Test
  void aBadFlagValueIsAUserError() {
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8);
    int code =
        DemoLauncher.execute(
            new AdCtrDemo(e),
            e,
            e,
            "--negative-rate",
            "2",
            "--out",
            results.resolve("x").toString());
    assertEquals(2, code);
    assertEquals(
        "error: --negative-rate must be in (0, 1], got 2.0",
        err.toString(StandardCharsets.UTF_8).strip());
  }

  @Test
  void anUnknownDatasetIsAUserError() {
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8);
    int code =
        DemoLauncher.execute(
            new AdCtrDemo(e), e, e, "--dataset", "nope", "--out", results.resolve("y").toString());
    assertEquals(2, code);
    assertTrue(err.toString(StandardCharsets.UTF_8).contains("error: unknown dataset 'nope'"));
  }
}
