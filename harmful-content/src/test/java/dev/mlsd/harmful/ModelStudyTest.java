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
  void standardisesDenseColumnsWithTheTrainingStatistics() {
    // train column 0: 1, 3 (mean 2, sd 1); column 1 constant 5 (sd 0: left unscaled)
    dev.mlsd.harmful.features.EncodedPosts train =
        new dev.mlsd.harmful.features.EncodedPosts(
            2, 8, 2, new int[] {0, 1, 2}, new int[] {3, 4}, new float[] {1, 5, 3, 5}, 0);
    dev.mlsd.harmful.features.EncodedPosts other =
        new dev.mlsd.harmful.features.EncodedPosts(
            1, 8, 2, new int[] {0, 0}, new int[0], new float[] {4, 7}, 0);
    ModelStudy.Data d =
        new ModelStudy.Data(train, null, null, other, null, null, other, null, null);
    ModelStudy.Data z = ModelStudy.standardized(d);
    org.junit.jupiter.api.Assertions.assertArrayEquals(
        new float[] {-1, 0, 1, 0}, z.train().dense());
    org.junit.jupiter.api.Assertions.assertArrayEquals(new float[] {2, 2}, z.validation().dense());
    assertEquals(4, z.train().ids()[1], "ids shared");
    org.junit.jupiter.api.Assertions.assertArrayEquals(
        new float[] {1, 5, 3, 5}, train.dense(), "input untouched");
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
