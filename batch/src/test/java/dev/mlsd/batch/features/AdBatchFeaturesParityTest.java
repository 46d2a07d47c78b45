package dev.mlsd.batch.features;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mlsd.adctr.AdCtrParams;
import dev.mlsd.adctr.data.AdDatasets;
import dev.mlsd.adctr.data.ImpressionLog;
import dev.mlsd.adctr.data.TimeSplit;
import dev.mlsd.adctr.features.EncodedRows;
import dev.mlsd.adctr.features.FeaturePipeline;
import dev.mlsd.adctr.features.HistoricalCtr;
import dev.mlsd.adctr.serving.AdCatalogue;
import dev.mlsd.adctr.serving.AdFeatures;
import dev.mlsd.batch.SparkTestSession;
import dev.mlsd.batch.data.ImpressionFrames;
import dev.mlsd.core.data.Datasets;
import dev.mlsd.core.featurestore.InMemoryFeatureStore;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The Spark jobs equal ad-ctr's in-process ones on the Criteo sample: the past-only batch features
 * ({@link HistoricalCtr#sequential}), the serving snapshot on the catalogue's ad ids ({@link
 * AdFeatures#materialise}) and the training rows ({@link EncodedRows#of}).
 */
class AdBatchFeaturesParityTest {
  static ImpressionLog log;
  static Dataset<Row> frame;
  static HistoricalCtr ctr;
  static AdCtrParams params;

  @BeforeAll
  static void load() throws Exception {
    log = AdDatasets.load("criteo-sample");
    SparkSession spark = SparkTestSession.get();
    long[] malformed = new long[1];
    frame =
        ImpressionFrames.criteoTsv(
            spark, Datasets.require("criteo-sample", "train.txt").toString(), malformed);
    assertEquals(log.malformed(), malformed[0]);
    params = AdCtrParams.defaults("criteo-sample", 42);
    ctr = new HistoricalCtr(log.schema(), params.ctrWindow(), params.ctrSmoothing());
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

  /**
   * Blocks of 1,000 rows and a recent window of 300: the per-(advertiser, block) windows cross nine
   * block boundaries of the sample and still equal the in-process values.
   */
  @Test
  void blockBoundariesDoNotChangeTheValues() {
    HistoricalCtr small = new HistoricalCtr(log.schema(), 300, params.ctrSmoothing());
    float[][] expected = small.sequential(log.rows());
    List<Row> got =
        new AdBatchFeatures(300, params.ctrSmoothing(), 1000)
            .sequential(frame)
            .orderBy("time")
            .collectAsList();
    assertEquals(expected.length, got.size());
    for (int i = 0; i < expected.length; i++) {
      for (int j = 0; j < 4; j++) {
        assertEquals(expected[i][j], got.get(i).getFloat(1 + j), 1e-6f, "row " + i + " value " + j);
      }
    }
  }

  @Test
  void aWindowLongerThanABlockIsRefused() {
    org.junit.jupiter.api.Assertions.assertThrows(
        IllegalArgumentException.class, () -> new AdBatchFeatures(2000, 20, 1000));
  }

  @Test
  void servingSnapshotEqualsWhatAdCtrMaterialises() {
    TimeSplit.Parts parts = params.split().split(log.rows());
    List<dev.mlsd.adctr.data.Impression> history =
        log.rows().subList(0, parts.train().size() + parts.validation().size());
    FeaturePipeline pipeline = new FeaturePipeline(log.schema(), params.features());
    AdCatalogue catalogue =
        new AdCatalogue(pipeline, history, params.catalogueAds(), params.seed());
    InMemoryFeatureStore store = new InMemoryFeatureStore();
    int written = AdFeatures.materialise(store, catalogue, ctr, history);

    Dataset<Row> historyFrame = frame.where(frame.col("time").lt(history.size()));
    List<Row> got =
        AdBatchFeatures.of(ctr)
            .servingRows(historyFrame, params.catalogueAds())
            .orderBy("id")
            .collectAsList();
    assertEquals(written, got.size());
    for (Row r : got) {
      int id = r.getInt(0);
      float[] expected = store.read(AdFeatures.SCHEMA, id);
      for (int j = 0; j < 4; j++) {
        assertEquals(expected[j], r.getFloat(1 + j), 1e-6f, "ad " + id + " value " + j);
      }
    }
  }

  @Test
  void trainingRowsEqualTheInProcessEncoding() {
    FeaturePipeline pipeline = new FeaturePipeline(log.schema(), params.features());
    EncodedRows expected = EncodedRows.of(pipeline, log.rows(), ctr.sequential(log.rows()));
    List<Row> got =
        new TrainingDataGeneration(AdBatchFeatures.of(ctr), params.features())
            .rows(frame)
            .orderBy("time")
            .collectAsList();
    assertEquals(expected.size(), got.size());
    for (int i = 0; i < got.size(); i++) {
      Row r = got.get(i);
      assertEquals(expected.labels()[i] ? 1 : 0, r.getInt(1), "label of row " + i);
      List<Integer> ids = r.getList(2);
      List<Integer> lin = r.getList(3);
      List<Float> dense = r.getList(4);
      for (int j = 0; j < ids.size(); j++) {
        assertEquals(expected.fieldIds()[i][j], ids.get(j), "field id " + j + " of row " + i);
      }
      for (int j = 0; j < lin.size(); j++) {
        assertEquals(expected.linearIds()[i][j], lin.get(j), "linear id " + j + " of row " + i);
      }
      assertEquals(expected.dense()[i].length, dense.size());
      for (int j = 0; j < dense.size(); j++) {
        assertEquals(expected.dense()[i][j], dense.get(j), 1e-6f, "dense " + j + " of row " + i);
      }
      assertEquals(expected.fieldIds()[i].length, ids.size());
      assertEquals(expected.linearIds()[i].length, lin.size());
    }
  }
}
