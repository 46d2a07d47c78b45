package dev.mlsd.harmful;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ModelStudyTest {
  @Test
  void meanWithStudentTIntervalOverSplits() {
    // mean 2, sd 1 over 5 values: half-width t(0.975, 4) * 1 / sqrt(5) = 2.776 / 2.236 = 1.241
    double[] v = {1, 1, 2, 3, 3};
    assertEquals(
        "mean +2.000, sd 1.000, 95% t interval [+0.759, +3.241]", ModelStudy.meanInterval(v));
  }

  @Test
  void oneValueHasNoInterval() {
    String s = ModelStudy.meanInterval(new double[] {0.5});
    assertTrue(s.startsWith("mean +0.500, sd 0.000"), s);
    assertTrue(s.contains("NaN"), s);
  }

  @Test
  void anUnknownStudyIsAUserErrorBeforeAnyDataIsRead() {
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    java.io.ByteArrayOutputStream err = new java.io.ByteArrayOutputStream();
    java.io.PrintStream o =
        new java.io.PrintStream(out, true, java.nio.charset.StandardCharsets.UTF_8);
    int code =
        dev.mlsd.core.demo.DemoLauncher.execute(
            new ModelStudy(o),
            o,
            new java.io.PrintStream(err, true, java.nio.charset.StandardCharsets.UTF_8),
            "--study",
            "nope");
    assertEquals(dev.mlsd.core.demo.DemoLauncher.USER_ERROR, code);
    assertTrue(err.toString(java.nio.charset.StandardCharsets.UTF_8).contains("--study must be"));
  }
}
