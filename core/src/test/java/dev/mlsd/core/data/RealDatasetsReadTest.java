package dev.mlsd.core.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The reader on the real files: counts from the shared datasets' README. */
class RealDatasetsReadTest {

  @BeforeEach
  void needsTheSharedDatasets() {
    String dir = System.getenv(Datasets.ENV_DATA_DIR);
    Assumptions.assumeTrue(
        dir != null && Files.isDirectory(Path.of(dir)), "MLSD_DATA_DIR is not set; skipping");
  }

  @Test
  void davidsonTweetsWithQuotedNewlinesAllParse() throws IOException {
    Path f = Datasets.require("davidson-hate-speech", "labeled_data.csv");
    int[] classes = new int[3];
    ReadReport r =
        DelimitedReader.csv(true, 7)
            .read(
                f,
                row -> {
                  try {
                    classes[Integer.parseInt(row.get("class"))]++;
                  } catch (RuntimeException e) {
                    throw new MalformedRowException("class is not 0, 1 or 2: " + row.get("class"));
                  }
                });
    assertEquals(24_783, r.rows());
    assertEquals(0, r.malformed(), r.summary());
    assertEquals(1_430, classes[0]);
    assertEquals(19_190, classes[1]);
    assertEquals(4_163, classes[2]);
  }

  @Test
  void criteoSampleHasFortyColumnsAndMissingFieldsStayEmpty() throws IOException {
    Path f = Datasets.require("criteo-sample", "train.txt");
    long[] clicks = new long[1];
    long[] emptyFields = new long[1];
    ReadReport r =
        DelimitedReader.tsv(false, 40)
            .read(
                f,
                row -> {
                  clicks[0] += row.get(0).equals("1") ? 1 : 0;
                  for (int i = 1; i < 40; i++) {
                    emptyFields[0] += row.get(i).isEmpty() ? 1 : 0;
                  }
                });
    assertEquals(10_000, r.rows());
    assertEquals(0, r.malformed(), r.summary());
    assertEquals(0.218, clicks[0] / 10_000.0, 0.005);
    assertTrue(emptyFields[0] > 0, "Criteo has missing values");
  }
}
