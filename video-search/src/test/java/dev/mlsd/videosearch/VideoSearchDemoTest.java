package dev.mlsd.videosearch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mlsd.core.demo.DemoLauncher;
import dev.mlsd.core.results.ModuleResults;
import dev.mlsd.core.results.ResultsFile;
import dev.mlsd.core.testing.DemoOutputs;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
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
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    PrintStream captured = new PrintStream(bytes, true, StandardCharsets.UTF_8);
    PrintStream stdout = System.out;
    int status;
    System.setOut(captured); // the demo narrates on System.out
    try {
      status =
          DemoLauncher.execute(
              new VideoSearchDemo(), captured, captured, "--quick", "--out", out.toString());
    } finally {
      System.setOut(stdout);
    }
    String printed = bytes.toString(StandardCharsets.UTF_8);
    assertEquals(0, status, printed);
    String[] steps = {
      "1. Requirements",
      "2. Framing",
      "3. Data",
      "4. Features",
      "5. Model",
      "6. Evaluation",
      "7. Serving"
    };
    int from = 0;
    for (String step : steps) {
      int at = printed.indexOf(step, from);
      assertTrue(at >= from, step + " missing or out of order:\n" + printed);
      from = at;
    }
    assertTrue(printed.contains("a seeded sample of 400 videos"), printed);
    DemoOutputs.assertResultsValid(out);
    ModuleResults r = ResultsFile.read(out.resolve(ResultsFile.NAME));
    assertEquals("video-search", r.module());
    assertEquals(4, r.chapter());
    assertTrue(r.served().metric("mrr").hasInterval());
    assertTrue(Files.size(out.resolve("report.html")) > 1000);
  }
}
