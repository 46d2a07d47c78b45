package dev.mlsd.core.featurestore;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.util.JedisClusterCRC16;

/**
 * The feature store on a real Redis Cluster this test starts on loopback: 3 masters, 3 replicas.
 * Reads spread over every master, a batch comes back whole, and when one master is killed mid-run
 * the batches touching it fall back to defaults (counted), then recover once its replica has been
 * promoted (failover, not a restart). The fault figures go to {@code
 * target/redis-cluster-fault.properties} for the batch module's README (tests never print).
 */
class RedisClusterTest {
  static final FeatureSchema AD =
      new FeatureSchema("ad", 1, List.of("ctr", "bid"), new float[] {0.5f, -1f});
  static final int ROWS = 3000;
  static final int BATCH = 50;
  static final long HANG_NANOS = TimeUnit.MILLISECONDS.toNanos(1_500);
  static RedisClusterProcess cluster;

  @BeforeAll
  static void startCluster() throws Exception {
    boolean have = RedisProcess.findBinary() != null && RedisClusterProcess.findCli() != null;
    if ("true".equalsIgnoreCase(System.getenv("CI")) && !have) {
      throw new IllegalStateException("cluster tests cannot run: no redis-server/redis-cli (CI)");
    }
    Assumptions.assumeTrue(
        have, "cluster tests skipped: no redis-server and redis-cli on the PATH");
    cluster = RedisClusterProcess.start(3);
  }

  @AfterAll
  static void stopCluster() {
    if (cluster != null) {
      cluster.close();
    }
  }

  static RedisFeatureStore open(String prefix) {
    return RedisFeatureStore.cluster(
        cluster.seed(),
        RedisFeatureStore.Settings.defaults()
            .withBudget(Duration.ofMillis(200))
            .withRetryAfter(Duration.ofMillis(100))
            .withKeyPrefix(prefix));
  }

  static float[] rows(int n) {
    float[] v = new float[2 * n];
    for (int i = 0; i < n; i++) {
      v[2 * i] = i / 1000f;
      v[2 * i + 1] = i;
    }
    return v;
  }

  static int[] ids(int n) {
    int[] ids = new int[n];
    for (int i = 0; i < n; i++) {
      ids[i] = i;
    }
    return ids;
  }

  @Test
  void aBatchSpreadOverEveryMasterComesBackWhole() {
    try (RedisFeatureStore store = open("t1:")) {
      assertEquals("redis-cluster", store.kind());
      assertTrue(store.ping());
      store.write(AD, ids(ROWS), rows(ROWS), ROWS);
      int[] batch = {7, 2999, 0, 1500, 42, 1234, 3001};
      float[] out = new float[2 * batch.length];
      assertEquals(6, store.read(AD, batch, batch.length, out, 0, 2));
      float[] expected = rows(ROWS);
      for (int i = 0; i < 6; i++) {
        assertEquals(expected[2 * batch[i]], out[2 * i]);
        assertEquals(expected[2 * batch[i] + 1], out[2 * i + 1]);
      }
      assertArrayEquals(new float[] {0.5f, -1f}, new float[] {out[12], out[13]});
      assertEquals(1, store.counters().missingRows());
      // no hash tags: the group's keys are on every master, so no node is a hot spot
      int masters = 0;
      for (int port : cluster.ports()) {
        if (cluster.dbSize(port) > 0) {
          masters++;
        }
      }
      assertTrue(masters >= 3, "keys on " + masters + " nodes");
    }
  }

  @Test
  void badSeedsAreRefusedWithAReason() {
    assertThrows(
        IllegalArgumentException.class,
        () -> RedisFeatureStore.cluster("nohostport", RedisFeatureStore.Settings.defaults()));
    assertThrows(
        IllegalArgumentException.class,
        () -> RedisFeatureStore.cluster("", RedisFeatureStore.Settings.defaults()));
  }

  @Test
  void aMasterKilledMidRunFallsBackCountedThenRecoversAfterFailover() throws Exception {
    try (RedisFeatureStore store = open("t2:")) {
      float[] written = rows(ROWS);
      store.write(AD, ids(ROWS), written, ROWS);
      // the replica must hold every row before its master dies: Redis replicates asynchronously,
      // and a replica promoted before it caught up lacks the last writes (reads stay partial)
      cluster.awaitReplication(30_000);
      // the master of id 0's slot dies; every batch holds id 0, so every batch touches it
      byte[] key0 = "t2:ad:v1:0".getBytes(StandardCharsets.US_ASCII);
      int victim = cluster.masterOf(JedisClusterCRC16.getSlot(key0));
      assertTrue(victim > 0, "no master found for id 0's slot");

      AtomicLong reads = new AtomicLong();
      AtomicLong whole = new AtomicLong();
      AtomicLong defaults = new AtomicLong();
      AtomicLong slowest = new AtomicLong();
      AtomicLong firstFallbackNanos = new AtomicLong();
      AtomicLong recoveredNanos = new AtomicLong();
      AtomicLong killedAtNanos = new AtomicLong();
      AtomicReference<Throwable> failure = new AtomicReference<>();
      AtomicLong stop = new AtomicLong();
      Thread reader =
          new Thread(
              () -> {
                float[] out = new float[2 * BATCH];
                int[] batch = new int[BATCH];
                int round = 0;
                while (stop.get() == 0) {
                  for (int i = 0; i < BATCH; i++) {
                    batch[i] = i == 0 ? 0 : (round * 37 + i * 53) % ROWS;
                  }
                  round++;
                  long t0 = System.nanoTime();
                  try {
                    int found = store.read(AD, batch, BATCH, out, 0, 2);
                    long killed = killedAtNanos.get();
                    if (found == BATCH) {
                      for (int i = 0; i < BATCH; i++) {
                        assertEquals(written[2 * batch[i]], out[2 * i]);
                        assertEquals(written[2 * batch[i] + 1], out[2 * i + 1]);
                      }
                      whole.incrementAndGet();
                      if (killed != 0 && firstFallbackNanos.get() != 0) {
                        recoveredNanos.compareAndSet(0, t0);
                      }
                    } else {
                      assertEquals(0, found);
                      for (int i = 0; i < BATCH; i++) {
                        assertEquals(0.5f, out[2 * i]);
                        assertEquals(-1f, out[2 * i + 1]);
                      }
                      defaults.incrementAndGet();
                      if (killed != 0) {
                        firstFallbackNanos.compareAndSet(0, t0);
                      }
                    }
                  } catch (Throwable t) {
                    failure.compareAndSet(null, t);
                  }
                  slowest.accumulateAndGet(System.nanoTime() - t0, Math::max);
                  reads.incrementAndGet();
                  try {
                    Thread.sleep(2);
                  } catch (InterruptedException e) {
                    return;
                  }
                }
              });
      reader.start();
      waitFor(() -> whole.get() > 50, 10_000);
      long before = store.counters().fallbackBatches();
      killedAtNanos.set(System.nanoTime());
      cluster.kill(victim);
      assertFalse(cluster.isAlive(victim));
      waitFor(() -> defaults.get() > 0, 10_000);
      long defaultsAtFirst = defaults.get();
      // the replica is promoted after the node timeout; then reads are whole again
      long wholeAtKill = whole.get();
      try {
        waitFor(() -> recoveredNanos.get() != 0 && whole.get() > wholeAtKill + 100, 60_000);
      } catch (AssertionError e) {
        stop.set(1);
        throw new AssertionError(
            "no recovery: reads "
                + reads.get()
                + ", whole "
                + whole.get()
                + ", defaults "
                + defaults.get()
                + ", last failure: "
                + store.lastFailure()
                + ", master of id 0 now "
                + cluster.masterOf(JedisClusterCRC16.getSlot(key0))
                + " (killed "
                + victim
                + "), rows missing "
                + store.counters().missingRows()
                + ", failed reads' first failure: "
                + failure.get(),
            e);
      }
      stop.set(1);
      reader.join(5_000);
      if (failure.get() != null) {
        throw new AssertionError("a read failed", failure.get());
      }
      long fallbacks = store.counters().fallbackBatches() - before;
      assertTrue(fallbacks >= defaultsAtFirst && fallbacks > 0, "fallbacks counted");
      assertEquals(defaults.get(), store.counters().fallbackBatches());
      assertEquals(BATCH * store.counters().fallbackBatches(), store.counters().fallbackRows());
      assertTrue(cluster.masterOf(JedisClusterCRC16.getSlot(key0)) != victim, "failed over");
      assertTrue(slowest.get() < HANG_NANOS, "a read hung for " + slowest.get() / 1e6 + " ms");
      record(
          "reads="
              + reads.get()
              + "\nwhole_reads="
              + whole.get()
              + "\nfallback_batches="
              + fallbacks
              + "\nfirst_fallback_ms_after_kill="
              + (firstFallbackNanos.get() - killedAtNanos.get()) / 1_000_000
              + "\nrecovered_ms_after_kill="
              + (recoveredNanos.get() - killedAtNanos.get()) / 1_000_000
              + "\nslowest_read_ms="
              + slowest.get() / 1_000_000
              + "\nnode_timeout_ms="
              + RedisClusterProcess.NODE_TIMEOUT_MS
              + "\nbudget_ms=200\nretry_after_ms=100\nbatch="
              + BATCH
              + "\nloadavg="
              + loadAverage()
              + "\n");
    }
  }

  private static String loadAverage() {
    try {
      return Files.readString(Path.of("/proc/loadavg")).trim();
    } catch (java.io.IOException e) {
      return "unknown";
    }
  }

  private static void record(String figures) throws java.io.IOException {
    Path target = Path.of("target");
    if (Files.isDirectory(target)) {
      Files.writeString(target.resolve("redis-cluster-fault.properties"), figures);
    }
  }

  private static void waitFor(java.util.function.BooleanSupplier ok, long millis)
      throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
    while (!ok.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("condition not met within " + millis + " ms");
      }
      Thread.sleep(10);
    }
  }
}
