package dev.mlsd.batch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mlsd.core.demo.DemoLauncher;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The command line: help lists every job; user mistakes exit 2 with one line, before Spark. */
class BatchJobsCliTest {
  private static int run(ByteArrayOutputStream out, ByteArrayOutputStream err, String... args) {
    return DemoLauncher.execute(
        new BatchJobs(),
        new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8),
        args);
  }

  @Test
  void helpNamesEveryJob() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    assertEquals(0, run(out, new ByteArrayOutputStream(), "--help"));
    String help = out.toString(StandardCharsets.UTF_8);
    for (String job :
        new String[] {"batch-features", "training-data", "recommendation-counts", "als", "scale"}) {
      assertTrue(help.contains(job), job + " missing from --help");
    }
  }

  @Test
  void userMistakesExitTwoWithOneLine() {
    String[][] mistakes = {
      {"no-such-job"},
      {"batch-features", "--history-fraction", "2"},
      {"batch-features", "--store", "http://127.0.0.1:1"},
      {"scale", "--rows", "0"},
      {"als", "--alpha", "0"},
    };
    for (String[] args : mistakes) {
      ByteArrayOutputStream err = new ByteArrayOutputStream();
      assertEquals(2, run(new ByteArrayOutputStream(), err, args), String.join(" ", args));
      String e = err.toString(StandardCharsets.UTF_8).strip();
      assertTrue(e.startsWith("error: "), e);
      assertEquals(1, e.lines().count(), e);
    }
  }
}
