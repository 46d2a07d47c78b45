package dev.mlsd.core.serving;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.mlsd.core.featurestore.FeatureMaterializer;
import dev.mlsd.core.featurestore.FeatureSchema;
import dev.mlsd.core.featurestore.FeatureStore;
import dev.mlsd.core.featurestore.InMemoryFeatureStore;
import dev.mlsd.core.featurestore.RedisFeatureStore;
import dev.mlsd.core.featurestore.RedisServerExtension;
import dev.mlsd.core.featurestore.RedisServerExtension.RedisUrl;
import java.time.Duration;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Training reads features through the same {@link FeatureStore#read} path the serving pipeline
 * hydrates from, so a model sees at serving time exactly the floats it was trained on. Checked bit
 * for bit on both stores.
 */
@ExtendWith(RedisServerExtension.class)
class TrainingServingSkewTest {
  static final FeatureSchema ITEM =
      FeatureSchema.withZeroDefaults("skew-item", 1, List.of("a", "b", "c", "d"));

  /** A seeded, deliberately awkward feature computation (tiny, huge, negative values). */
  static void features(int id, float[] out, int o) {
    SplittableRandom r = new SplittableRandom(id * 0x9E3779B97F4A7C15L);
    out[o] = (float) r.nextGaussian() * 1e-30f;
    out[o + 1] = (float) r.nextGaussian() * 1e30f;
    out[o + 2] = id;
    out[o + 3] = (float) Math.log1p(Math.abs(id));
  }

  void checkNoSkew(FeatureStore store) {
    int n = 3_000;
    int[] items = new int[n];
    for (int i = 0; i < n; i++) {
      items[i] = i * 7 + 3;
    }
    FeatureMaterializer.materialize(store, ITEM, items, TrainingServingSkewTest::features);

    // training: one matrix for a batch of examples, through FeatureStore.read
    int[] trainingIds = {3, 10, 17, 20_000_000 /* never materialised: defaults */, 24};
    float[] training = new float[trainingIds.length * 4];
    store.read(ITEM, trainingIds, trainingIds.length, training, 0, 4);

    // serving: the pipeline hydrates the same ids as candidates
    ServingPipeline<int[]> p =
        ServingPipeline.<int[]>builder("skew")
            .candidateGenerator(
                (q, out) -> {
                  for (int id : q) {
                    out.add(id, 0);
                  }
                })
            .featureHydrator(new StoreFeatureHydrator<>(store, ITEM))
            .ranker(
                (q, c) -> {
                  for (int pos = 0; pos < c.size(); pos++) {
                    c.setScore(pos, -pos); // keep generation order
                  }
                })
            .build();
    Candidates c = p.run(trainingIds, trainingIds.length);
    assertEquals(trainingIds.length, c.size());
    for (int pos = 0; pos < c.size(); pos++) {
      assertEquals(trainingIds[pos], c.id(pos));
      for (int d = 0; d < 4; d++) {
        assertEquals(
            Float.floatToRawIntBits(training[pos * 4 + d]),
            Float.floatToRawIntBits(c.features()[c.featureOffset(pos) + d]),
            "id " + c.id(pos) + " column " + d);
      }
    }
  }

  @Test
  void inMemoryStoreHasNoSkew() {
    checkNoSkew(new InMemoryFeatureStore());
  }

  @Test
  void redisStoreHasNoSkew(RedisUrl redis) {
    try (RedisFeatureStore store =
        new RedisFeatureStore(
            redis.url(),
            RedisFeatureStore.Settings.defaults()
                .withBudget(Duration.ofMillis(1_000))
                .withKeyPrefix(redis.uniquePrefix()))) {
      checkNoSkew(store);
      assertEquals(0, store.counters().fallbackBatches());
    }
  }
}
