package dev.mlsd.core.featurestore;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;

/**
 * Faults on a private redis-server this test owns (never the shared CI one): killed mid-run, paused
 * past the budget, password required. The only time checks are "did not hang": each read must come
 * back well under Jedis's own 2 s default timeout, which the budget replaces.
 */
class RedisFaultTest {
  static final FeatureSchema AD =
      new FeatureSchema("ad", 1, List.of("ctr", "bid"), new float[] {0.5f, -1f});
  static final int[] IDS = {1, 2, 3};
  static final float[] ROWS = {1, 1, 2, 2, 3, 3};
  static final float[] DEFAULTS = {0.5f, -1f, 0.5f, -1f, 0.5f, -1f};
  static final long HANG_NANOS = TimeUnit.MILLISECONDS.toNanos(1_500);

  @BeforeAll
  static void needsBinary() {
    if ("true".equalsIgnoreCase(System.getenv("CI")) && RedisProcess.findBinary() == null) {
      throw new IllegalStateException("fault tests cannot run: no redis-server binary (CI=true)");
    }
    Assumptions.assumeTrue(
        RedisProcess.findBinary() != null,
        "fault tests skipped: no redis-server binary on the PATH");
  }

  static RedisFeatureStore open(String url, long budgetMillis, long retryMillis) {
    return new RedisFeatureStore(
        url,
        RedisFeatureStore.Settings.defaults()
            .withBudget(Duration.ofMillis(budgetMillis))
            .withRetryAfter(Duration.ofMillis(retryMillis)));
  }

  @Test
  void killedMidRunServesDefaultsCountsAndRecovers() throws Exception {
    RedisProcess redis = RedisProcess.start();
    try (RedisFeatureStore store = open(redis.url(), 200, 100)) {
      store.write(AD, IDS, ROWS, 3);
      AtomicLong reads = new AtomicLong();
      AtomicLong withValues = new AtomicLong();
      AtomicLong withDefaults = new AtomicLong();
      AtomicLong slowest = new AtomicLong();
      AtomicReference<Throwable> failure = new AtomicReference<>();
      AtomicLong stop = new AtomicLong();
      Thread reader =
          new Thread(
              () -> {
                float[] out = new float[6];
                while (stop.get() == 0) {
                  long t0 = System.nanoTime();
                  try {
                    int found = store.read(AD, IDS, 3, out, 0, 2);
                    if (found == 3) {
                      assertArrayEquals(ROWS, out);
                      withValues.incrementAndGet();
                    } else {
                      assertArrayEquals(DEFAULTS, out);
                      withDefaults.incrementAndGet();
                    }
                  } catch (Throwable t) {
                    failure.compareAndSet(null, t);
                  }
                  slowest.accumulateAndGet(System.nanoTime() - t0, Math::max);
                  reads.incrementAndGet();
                }
              });
      reader.start();
      waitFor(() -> withValues.get() > 50);
      redis.kill();
      assertFalse(redis.isAlive());
      long killedAt = reads.get();
      waitFor(() -> withDefaults.get() > 50 && reads.get() > killedAt + 50);
      assertTrue(store.counters().fallbackBatches() > 0);

      // a new server on the same port: empty (no persistence), so re-materialise; reads recover
      RedisProcess again = RedisProcess.start(redis.port(), null);
      try {
        waitFor(
            () -> {
              try {
                store.write(AD, IDS, ROWS, 3);
                return true;
              } catch (FeatureStoreException e) {
                return false;
              }
            });
        long valuesBefore = withValues.get();
        waitFor(() -> withValues.get() > valuesBefore + 50);
      } finally {
        stop.set(1);
        reader.join(5_000);
        again.close();
      }
      if (failure.get() != null) {
        throw new AssertionError("a read failed", failure.get());
      }
      // read once the reader has stopped, so both counters are final
      assertEquals(store.counters().fallbackRows(), 3 * store.counters().fallbackBatches());
      assertTrue(slowest.get() < HANG_NANOS, "a read hung for " + slowest.get() / 1e6 + " ms");
    } finally {
      redis.close();
    }
  }

  @Test
  void slowerThanTheBudgetServesDefaultsForThatRequestOnly() throws Exception {
    // retryAfter of a minute: if a slow answer opened the circuit, the last read would fail
    try (RedisProcess redis = RedisProcess.start();
        RedisFeatureStore store = open(redis.url(), 200, 60_000);
        Jedis admin = new Jedis(URI.create(redis.url()))) {
      store.write(AD, IDS, ROWS, 3);
      float[] out = new float[6];
      assertEquals(3, store.read(AD, IDS, 3, out, 0, 2));
      long pausedAt = System.nanoTime();
      admin.clientPause(2_000);
      for (int i = 1; i <= 2; i++) {
        long t0 = System.nanoTime();
        assertEquals(0, store.read(AD, IDS, 3, out, 0, 2));
        long took = System.nanoTime() - t0;
        assertArrayEquals(DEFAULTS, out);
        assertEquals(i, store.counters().fallbackBatches());
        assertTrue(took < HANG_NANOS, "waited " + took / 1e6 + " ms");
      }
      long resume = pausedAt + TimeUnit.MILLISECONDS.toNanos(2_100) - System.nanoTime();
      if (resume > 0) {
        Thread.sleep(TimeUnit.NANOSECONDS.toMillis(resume) + 1);
      }
      waitFor(() -> store.read(AD, IDS, 3, out, 0, 2) == 3);
      assertArrayEquals(ROWS, out);
    }
  }

  @Test
  void passwordComesThroughTheUrl() throws Exception {
    int port = RedisProcess.freePort();
    try (RedisProcess redis = RedisProcess.start(port, "s3cret")) {
      try (RedisFeatureStore store = open(redis.url(), 500, 0)) {
        store.write(AD, IDS, ROWS, 3);
        float[] out = new float[6];
        assertEquals(3, store.read(AD, IDS, 3, out, 0, 2));
        assertArrayEquals(ROWS, out);
      }
      try (RedisFeatureStore noAuth = open("redis://127.0.0.1:" + port, 500, 0)) {
        assertThrows(FeatureStoreException.class, () -> noAuth.write(AD, IDS, ROWS, 3));
        float[] out = new float[6];
        assertEquals(0, noAuth.read(AD, IDS, 3, out, 0, 2));
        assertEquals(1, noAuth.counters().fallbackBatches());
      }
      try (RedisFeatureStore wrong = open("redis://:nope@127.0.0.1:" + port, 500, 0)) {
        assertFalse(wrong.ping());
      }
    }
  }

  interface Condition {
    boolean holds() throws Exception;
  }

  static void waitFor(Condition c) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (!c.holds()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("condition not reached within 20 s");
      }
      Thread.sleep(5);
    }
  }
}
