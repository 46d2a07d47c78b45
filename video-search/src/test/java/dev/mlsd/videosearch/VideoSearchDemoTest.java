package dev.mlsd.videosearch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mlsd.core.results.ModuleResults;
import dev.mlsd.core.results.ResultsFile;
import dev.mlsd.core.testing.DemoOutputs;
import dev.mlsd.core.testing.DemoRun;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The demo as a user runs it with {@code --quick} (a seeded sample of 400 DiDeMo videos, a small
 * model, one epoch): the seven steps, a schema-valid results.json and a report.html.
 */
class VideoSearchDemoTest {
  @TempDir Path results;

  @Test
  void quickRunPrintsTheSevenStepsAndWritesValidResults() throws Exception {
    Path out = results.resolve("video-search");
    DemoRun run = DemoRun.of(VideoSearchDemo::new, "--quick", "--out", out.toString());
    run.assertSevenSteps();
    assertTrue(run.printed().contains("a seeded sample of 400 videos"), run.printed());
    DemoOutputs.assertResultsValid(out);
    ModuleResults r = ResultsFile.read(out.resolve(ResultsFile.NAME));
    assertEquals("video-search", r.module());
    assertEquals(4, r.chapter());
    assertTrue(r.served().metric("mrr").hasInterval());
    assertTrue(Files.size(out.resolve("report.html")) > 1000);
  }
}
