package dev.mlsd.core.featurestore;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.mlsd.core.featurestore.RedisServerExtension.RedisUrl;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import redis.clients.jedis.Jedis;

@ExtendWith(RedisServerExtension.class)
class RedisFeatureStoreTest {
  static final FeatureSchema AD =
      new FeatureSchema("ad", 1, List.of("ctr", "bid", "age"), new float[] {0.01f, 0f, -1f});

  static RedisFeatureStore open(RedisUrl redis) {
    return new RedisFeatureStore(
        redis.url(),
        RedisFeatureStore.Settings.defaults()
            .withBudget(Duration.ofMillis(500))
            .withKeyPrefix(redis.uniquePrefix()));
  }

  static long mgetCalls(Jedis j) {
    String stats = j.info("commandstats");
    for (String line : stats.split("\r?\n")) {
      if (line.startsWith("cmdstat_mget:")) {
        String calls = line.substring(line.indexOf("calls=") + 6);
        return Long.parseLong(calls.substring(0, calls.indexOf(',')));
      }
    }
    return 0;
  }

  @Test
  void readsBackWhatWasWrittenInOneMgetAndDefaultsForMissing(RedisUrl redis) {
    try (RedisFeatureStore store = open(redis);
        Jedis j = new Jedis(URI.create(redis.url()))) {
      store.write(AD, new int[] {7, -3}, new float[] {1, 2, 3, 4, 5, 6}, 2);
      long before = mgetCalls(j);
      float[] out = new float[3 * 4];
      int found = store.read(AD, new int[] {-3, 99, 7}, 3, out, 1, 4);
      assertEquals(1, mgetCalls(j) - before, "one round trip per batch");
      assertEquals(2, found);
      assertArrayEquals(new float[] {0, 4, 5, 6, 0, 0.01f, 0, -1, 0, 1, 2, 3}, out);
      assertEquals(1, store.counters().missingRows());
      assertEquals(0, store.counters().fallbackBatches());
    }
  }

  @Test
  void largeBatchesMatchTheInMemoryStoreBitForBit(RedisUrl redis) {
    SplittableRandom rnd = new SplittableRandom(7);
    int n = 1_234;
    int[] ids = new int[n];
    float[] rows = new float[n * 3];
    for (int i = 0; i < n; i++) {
      ids[i] = i * 31 - 500;
      for (int d = 0; d < 3; d++) {
        rows[i * 3 + d] = (float) rnd.nextGaussian();
      }
    }
    try (RedisFeatureStore redisStore = open(redis);
        InMemoryFeatureStore memory = new InMemoryFeatureStore()) {
      redisStore.write(AD, ids, rows, n);
      memory.write(AD, ids, rows, n);
      float[] a = new float[n * 3];
      float[] b = new float[n * 3];
      assertEquals(n, redisStore.read(AD, ids, n, a, 0, 3));
      assertEquals(n, memory.read(AD, ids, n, b, 0, 3));
      assertArrayEquals(b, a);
      assertArrayEquals(rows, a);
      redisStore.delete(AD, ids, n);
      assertEquals(0, redisStore.read(AD, ids, n, a, 0, 3));
    }
  }

  @Test
  void aValueOfAnotherEncodingIsServedAsDefaultsAndCounted(RedisUrl redis) {
    String prefix = redis.uniquePrefix();
    try (RedisFeatureStore store =
            new RedisFeatureStore(
                redis.url(),
                RedisFeatureStore.Settings.defaults()
                    .withKeyPrefix(prefix)
                    .withBudget(Duration.ofMillis(500)));
        Jedis j = new Jedis(URI.create(redis.url()))) {
      byte[] v2 = FeatureCodec.encode(new float[] {1, 2, 3}, 0, 3);
      v2[0] = 2;
      j.set((prefix + "ad:v1:5").getBytes(java.nio.charset.StandardCharsets.US_ASCII), v2);
      j.set(prefix + "ad:v1:6", "not floats");
      float[] out = new float[6];
      assertEquals(0, store.read(AD, new int[] {5, 6}, 2, out, 0, 3));
      assertArrayEquals(new float[] {0.01f, 0, -1, 0.01f, 0, -1}, out);
      assertEquals(2, store.counters().corruptValues());
    }
  }
}
