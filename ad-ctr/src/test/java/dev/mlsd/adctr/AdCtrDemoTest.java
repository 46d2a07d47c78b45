package dev.mlsd.adctr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mlsd.core.results.ModuleResults;
import dev.mlsd.core.results.ResultsFile;
import dev.mlsd.core.results.Role;
import dev.mlsd.core.testing.DemoOutputs;
import dev.mlsd.core.testing.DemoRun;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The demo as a user runs it, with {@code --quick}: seven steps, valid results, a report. */
class AdCtrDemoTest {
  @TempDir static Path results;
  static Path out;
  static DemoRun run;

  @BeforeAll
  static void runQuickDemo() {
    out = results.resolve("ad-ctr");
    run = DemoRun.of(AdCtrDemo::new, "--quick", "--out", out.toString());
  }

  @Test
  void printsTheSevenStepsAndWritesValidResults() throws Exception {
    run.assertSevenSteps();
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
    assertEquals(0, run.status(), run.printed());
    DemoOutputs.assertReportRenders(out, "ad-ctr", 6);
  }

  @Test
  void aBadFlagValueIsAUserError() {
    assertEquals(
        "error: --negative-rate must be in (0, 1], got 2.0",
        DemoRun.userError(
            AdCtrDemo::new, "--negative-rate", "2", "--out", results.resolve("x").toString()));
  }

  @Test
  void anUnknownDatasetIsAUserError() {
    String error =
        DemoRun.userError(
            AdCtrDemo::new, "--dataset", "nope", "--out", results.resolve("y").toString());
    assertTrue(error.contains("error: unknown dataset 'nope'"), error);
  }
}
