package dev.mlsd.batch.features;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mlsd.adctr.AdCtrParams;
import dev.mlsd.adctr.data.AdDatasets;
import dev.mlsd.adctr.data.ImpressionLog;
import dev.mlsd.adctr.features.HistoricalCtr;
import dev.mlsd.batch.SparkTestSession;
import dev.mlsd.batch.data.ImpressionFrames;
import dev.mlsd.core.data.Datasets;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The Spark batch features equal ad-ctr's in-process {@link HistoricalCtr} on the Criteo sample. */
class AdBatchFeaturesParityTest {
  static ImpressionLog log;
  static Dataset<Row> frame;
  static HistoricalCtr ctr;

  @BeforeAll
  static void load() throws Exception {
    log = AdDatasets.load("criteo-sample");
    SparkSession spark = SparkTestSession.get();
    long[] malformed = new long[1];
    frame =
        ImpressionFrames.criteoTsv(
            spark, Datasets.require("criteo-sample", "train.txt").toString(), malformed);
    assertEquals(log.malformed(), malformed[0]);
    AdCtrParams p = AdCtrParams.defaults("criteo-sample", 42);
    ctr = new HistoricalCtr(log.schema(), p.ctrWindow(), p.ctrSmoothing());
  }

  @Test
  void sequentialValuesEqualTheInProcessJob() {
    float[][] expected = ctr.sequential(log.rows());
    List<Row> got = AdBatchFeatures.of(ctr).sequential(frame).orderBy("time").collectAsList();
    assertEquals(expected.length, got.size());
    int nan = 0;
    for (int i = 0; i < expected.length; i++) {
      Row r = got.get(i);
      assertEquals(i, r.getLong(0));
      for (int j = 0; j < 4; j++) {
        float e = expected[i][j];
        float s = r.getFloat(1 + j);
        if (Float.isNaN(e)) {
          nan++;
        }
        assertEquals(e, s, 1e-6f, "row " + i + " value " + HistoricalCtr.NAMES.get(j));
      }
    }
    assertTrue(nan > 0, "the sample has first impressions (no history)");
  }
}
