package dev.mlsd.harmful;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mlsd.core.results.ModuleResults;
import dev.mlsd.core.results.ResultsFile;
import dev.mlsd.core.testing.DemoOutputs;
import dev.mlsd.core.testing.DemoRun;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The demo as a user runs it, with {@code --quick}: seven steps, valid results, a report. */
class HarmfulContentDemoTest {
  @TempDir static Path results;
  static Path out;
  static DemoRun run;

  @BeforeAll
  static void runQuickDemo() {
    out = results.resolve("harmful-content");
    run = DemoRun.of(HarmfulContentDemo::new, "--quick", "--out", out.toString());
  }

  @Test
  void printsTheSevenStepsAndWritesValidResults() throws Exception {
    run.assertSevenSteps();
    assertTrue(run.printed().contains("replaying 600 test posts"), run.printed());
    assertTrue(run.printed().contains("rejected 0"), run.printed());
    assertTrue(run.printed().contains("held out (test split)"), run.printed());
    assertTrue(run.printed().contains("not run (--quick)"), run.printed());
    DemoOutputs.assertResultsValid(out);
    ModuleResults r = ResultsFile.read(out.resolve(ResultsFile.NAME));
    assertEquals("harmful-content", r.module());
    assertEquals(5, r.chapter());
    assertTrue(Files.exists(out.resolve("multi-task.graph")));
  }

  @Test
  void reportRendersInChromium() {
    assertEquals(0, run.status(), run.printed());
    DemoOutputs.assertReportRenders(out, "harmful-content", 2);
  }

  @Test
  void aSeedCountOutOfRangeIsAUserError() {
    assertEquals(
        "error: --seeds must be from 1 to 10, got 0",
        DemoRun.userError(
            HarmfulContentDemo::new, "--seeds", "0", "--out", results.resolve("x").toString()));
  }
}
