package dev.mlsd.recommendation;

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
class RecommendationDemoTest {
  @TempDir static Path results;
  static Path out;
  static String printed;
  static int status;

  @BeforeAll
  static void runQuickDemo() {
    out = results.resolve("recommendation");
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    PrintStream stdout = new PrintStream(bytes, true, StandardCharsets.UTF_8);
    status =
        DemoLauncher.execute(
            new RecommendationDemo(stdout),
            stdout,
            stdout,
            "--quick",
            "--latency-requests",
            "300",
            "--out",
            out.toString());
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
    assertEquals("recommendation", r.module());
    assertEquals(6, r.chapter());
    assertEquals(42, r.seed());
    assertEquals(Role.TRIVIAL, r.models().getFirst().role());
    assertEquals("full pipeline", r.served().name());
    assertEquals(300, r.served().latency().requests());
    assertTrue(r.served().metric("ndcg@10").hasInterval());
    assertTrue(Files.isRegularFile(out.resolve("models/ranker.mlsd")));
    assertTrue(Files.isRegularFile(results.resolve("index.html")));
  }

  @Test
  void reportRendersInChromium() {
    assertEquals(0, status, printed);
    DemoOutputs.assertReportRenders(out, "recommendation", 6);
  }

  @Test
  void anotherDatasetIsAUserError() {
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8);
    int code = DemoLauncher.execute(new RecommendationDemo(e), e, e, "--dataset", "criteo-sample");
    assertEquals(2, code);
    assertTrue(err.toString(StandardCharsets.UTF_8).startsWith("error: this module runs on"));
  }
}
