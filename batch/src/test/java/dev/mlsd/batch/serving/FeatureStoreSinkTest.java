package dev.mlsd.batch.serving;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.mlsd.adctr.AdCtrParams;
import dev.mlsd.adctr.data.AdDatasets;
import dev.mlsd.adctr.data.Impression;
import dev.mlsd.adctr.data.ImpressionLog;
import dev.mlsd.adctr.data.TimeSplit;
import dev.mlsd.adctr.features.FeaturePipeline;
import dev.mlsd.adctr.features.HistoricalCtr;
import dev.mlsd.adctr.serving.AdCatalogue;
import dev.mlsd.adctr.serving.AdFeatures;
import dev.mlsd.batch.SparkTestSession;
import dev.mlsd.batch.data.ImpressionFrames;
import dev.mlsd.batch.features.AdBatchFeatures;
import dev.mlsd.core.data.Datasets;
import dev.mlsd.core.featurestore.InMemoryFeatureStore;
import dev.mlsd.core.featurestore.RedisFeatureStore;
import dev.mlsd.core.featurestore.RedisServerExtension;
import dev.mlsd.core.featurestore.RedisServerExtension.RedisUrl;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The Spark job materialises the serving snapshot into a real Redis under the keys ad-ctr's serving
 * reads: read back through {@link RedisFeatureStore}, every catalogue ad's row equals what ad-ctr's
 * own batch job puts in a store.
 */
@ExtendWith(RedisServerExtension.class)
class FeatureStoreSinkTest {
  @Test
  void sparkMaterialisationReadsBackAsAdCtrWritesIt(RedisUrl redis) throws Exception {
    ImpressionLog log = AdDatasets.load("criteo-sample");
    AdCtrParams p = AdCtrParams.defaults("criteo-sample", 42);
    HistoricalCtr ctr = new HistoricalCtr(log.schema(), p.ctrWindow(), p.ctrSmoothing());
    TimeSplit.Parts parts = p.split().split(log.rows());
    List<Impression> history =
        log.rows().subList(0, parts.train().size() + parts.validation().size());
    AdCatalogue catalogue =
        new AdCatalogue(
            new FeaturePipeline(log.schema(), p.features()), history, p.catalogueAds(), p.seed());
    InMemoryFeatureStore expected = new InMemoryFeatureStore();
    int ads = AdFeatures.materialise(expected, catalogue, ctr, history);

    String prefix = redis.uniquePrefix();
    Dataset<Row> frame =
        ImpressionFrames.criteoTsv(
            SparkTestSession.get(),
            Datasets.require("criteo-sample", "train.txt").toString(),
            null);
    Dataset<Row> rows =
        AdBatchFeatures.of(ctr)
            .servingRows(frame.where(frame.col("time").lt(history.size())), p.catalogueAds());
    long written = new FeatureStoreSink(redis.url(), prefix).materialise(rows, AdFeatures.SCHEMA);
    assertEquals(ads, written);

    try (RedisFeatureStore store =
        new RedisFeatureStore(
            redis.url(),
            RedisFeatureStore.Settings.defaults()
                .withBudget(java.time.Duration.ofSeconds(2))
                .withKeyPrefix(prefix))) {
      int[] ids = new int[ads];
      for (int i = 0; i < ads; i++) {
        ids[i] = i;
      }
      float[] got = new float[ads * 4];
      float[] want = new float[ads * 4];
      assertEquals(ads, store.read(AdFeatures.SCHEMA, ids, ads, got, 0, 4));
      expected.read(AdFeatures.SCHEMA, ids, ads, want, 0, 4);
      for (int i = 0; i < want.length; i++) {
        assertEquals(want[i], got[i], 1e-6f, "ad " + i / 4 + " value " + i % 4);
      }
      store.delete(AdFeatures.SCHEMA, ids, ads);
    }
  }

  @Test
  void aUrlThatIsNotRedisIsRefused() {
    assertThrows(
        IllegalArgumentException.class, () -> new FeatureStoreSink("http://127.0.0.1:1", "p:"));
    assertThrows(IllegalArgumentException.class, () -> new FeatureStoreSink(null, "p:"));
  }
}
