package dev.mlsd.recommendation;

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
class RecommendationDemoTest {
  @TempDir static Path results;
  static Path out;
  static DemoRun run;

  @BeforeAll
  static void runQuickDemo() {
    out = results.resolve("recommendation");
    run =
        DemoRun.of(
            RecommendationDemo::new,
            "--quick",
            "--latency-requests",
            "300",
            "--out",
            out.toString());
  }

  @Test
  void printsTheSevenStepsAndWritesValidResults() throws Exception {
    run.assertSevenSteps();
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
    assertTrue(Files.isRegularFile(out.resolve("models/two-tower.mlsd")));
    assertTrue(Files.isRegularFile(results.resolve("index.html")));
    String json = Files.readString(out.resolve(ResultsFile.NAME));
    assertTrue(json.contains("ndcg@10_paired_difference_two_tower_minus_wals"), json);
    assertTrue(run.printed().contains("two-tower alone - WALS alone: nDCG@10"), run.printed());
    assertTrue(run.printed().contains("two-tower epoch 1/1"), run.printed());
  }

  @Test
  void reportRendersInChromium() {
    assertEquals(0, run.status(), run.printed());
    DemoOutputs.assertReportRenders(out, "recommendation", 6);
  }

  @Test
  void anotherDatasetIsAUserError() {
    String error = DemoRun.userError(RecommendationDemo::new, "--dataset", "criteo-sample");
    assertTrue(error.startsWith("error: this module runs on"), error);
  }
}
