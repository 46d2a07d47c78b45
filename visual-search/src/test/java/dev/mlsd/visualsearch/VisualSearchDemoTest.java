package dev.mlsd.visualsearch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mlsd.core.results.ModuleResults;
import dev.mlsd.core.results.ResultsFile;
import dev.mlsd.core.results.Role;
import dev.mlsd.core.testing.DemoOutputs;
import dev.mlsd.core.testing.DemoRun;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The demo as a user runs it, with {@code --quick}: seven steps, valid results, a report. */
class VisualSearchDemoTest {
  @TempDir static Path results;
  static Path out;
  static DemoRun run;

  @BeforeAll
  static void runQuickDemo() {
    out = results.resolve("visual-search");
    run = DemoRun.of(VisualSearchDemo::new, "--quick", "--out", out.toString());
  }

  @Test
  void printsTheSevenStepsAndWritesValidResults() throws Exception {
    run.assertSevenSteps();
    assertTrue(run.printed().contains("seeded sample 2000 / 200"), run.printed());
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
    assertEquals(0, run.status(), run.printed());
    DemoOutputs.assertReportRenders(out, "visual-search", 2);
  }

  @Test
  void aTrainingBudgetBelowOneSecondIsAUserError() {
    assertEquals(
        "error: --train-seconds must be at least 1, got 0",
        DemoRun.userError(
            VisualSearchDemo::new,
            "--train-seconds",
            "0",
            "--out",
            results.resolve("x").toString()));
  }
}
