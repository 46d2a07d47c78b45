package dev.mlsd.adctr.serving;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mlsd.adctr.AdCtrSystem;
import dev.mlsd.adctr.data.Impression;
import dev.mlsd.core.featurestore.FeatureStore;
import dev.mlsd.core.featurestore.InMemoryFeatureStore;
import dev.mlsd.core.featurestore.RedisFeatureStore;
import dev.mlsd.core.featurestore.RedisServerExtension;
import dev.mlsd.core.featurestore.RedisServerExtension.RedisUrl;
import dev.mlsd.core.serving.Candidates;
import dev.mlsd.core.serving.ModelHolder;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * No training/serving skew: the impression right after the materialised history, featurised the way
 * training featurises it (raw impression + the past-only historical CTRs), gives exactly the ids
 * the serving path builds (request side from the request, ad side from the catalogue, batch
 * features read back from the feature store), on the in-memory store and on a real Redis.
 */
@ExtendWith(RedisServerExtension.class)
class TrainingServingSkewTest {
  static ServingFixture fx;

  @BeforeAll
  static void load() throws Exception {
    fx = new ServingFixture();
  }

  @Test
  void inMemoryStore() {
    try (FeatureStore store = new InMemoryFeatureStore()) {
      assertNoSkew(store);
    }
  }

  @Test
  void redisStore(RedisUrl redis) {
    try (RedisFeatureStore store =
        new RedisFeatureStore(
            redis.url(),
            RedisFeatureStore.Settings.defaults()
                .withBudget(Duration.ofMillis(500))
                .withKeyPrefix(redis.uniquePrefix()))) {
      assertNoSkew(store);
      assertEquals(0, store.counters().fallbackBatches(), "Redis reads must not fall back");
    }
  }

  private static void assertNoSkew(FeatureStore store) {
    List<Impression> history = fx.log.rows().subList(0, fx.next);
    int written = AdFeatures.materialise(store, fx.catalogue, fx.ctr, history);
    assertEquals(fx.catalogue.size(), written);
    // training's view: sequential (past-only) features over the log; row `next` sees exactly the
    // materialised history
    List<Impression> upToNext = fx.log.rows().subList(0, fx.next + 1);
    float[][] offlineBatch = fx.ctr.sequential(upToNext);
    ModelHolder<ServedModel> holder = new ModelHolder<>(fx.model(), ServingFixture.card());
    AdRanker ranker = new AdRanker(fx.pipeline, fx.catalogue, holder, 500);
    Impression r = upToNext.get(fx.next);
    int ad = fx.catalogue.indexOf(fx.ctr.adKey(r.categorical()));
    assertTrue(ad >= 0, "the fixture's impression shows a catalogued ad");
    int[] offline = new int[fx.pipeline.fieldCount()];
    fx.pipeline.encode(r, offlineBatch[fx.next], offline);
    float[] stored = new float[4];
    store.read(AdFeatures.SCHEMA, new int[] {ad}, 1, stored, 0, 4);
    assertTrue(!Float.isNaN(stored[1]), "the ad has history in the store");
    int[] serving = new int[fx.pipeline.fieldCount()];
    ranker.encode(SampleRequests.of(fx.catalogue, r, 10), ad, stored, serving);
    assertArrayEquals(offline, serving, "impression " + fx.next);
    // whichever ad the first later impression shows, the stored rows equal the snapshot
    float[] snap = new float[4];
    float[] row = new float[4];
    var s = fx.ctr.materialise(history);
    for (int id = 0; id < fx.catalogue.size(); id += 97) {
      s.values(fx.catalogue.adKey(id), fx.catalogue.advertiserKey(id), snap);
      store.read(AdFeatures.SCHEMA, new int[] {id}, 1, row, 0, 4);
      assertArrayEquals(snap, row, "ad " + id);
    }
    // and the whole pipeline serves from this store
    AdPipeline pipeline = AdCtrSystem.pipeline(fx.params, fx.pipeline, fx.catalogue, store, holder);
    Candidates top = pipeline.serve(SampleRequests.of(fx.catalogue, r, 10));
    assertEquals(10, top.size());
  }
}
