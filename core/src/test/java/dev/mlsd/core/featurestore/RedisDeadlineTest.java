package dev.mlsd.core.featurestore;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;

/**
 * The feature store's deadline and breaker: one deadline per request across connection set-up and
 * the read; sustained slowness opens the breaker; pooled connections left stale by a Redis restart
 * are validated and replaced instead of failing one request each.
 */
class RedisDeadlineTest {
  static final FeatureSchema AD =
      new FeatureSchema("ad", 1, List.of("ctr", "bid"), new float[] {0.5f, -1f});
  static final int[] IDS = {1, 2, 3};
  static final float[] ROWS = {1, 1, 2, 2, 3, 3};
  static final float[] DEFAULTS = {0.5f, -1f, 0.5f, -1f, 0.5f, -1f};

  static RedisFeatureStore open(String url, long budgetMillis, long retryMillis) {
    return new RedisFeatureStore(
        url,
        RedisFeatureStore.Settings.defaults()
            .withBudget(Duration.ofMillis(budgetMillis))
            .withRetryAfter(Duration.ofMillis(retryMillis)));
  }

  /**
   * A Redis look-alike that answers every command correctly but {@code delayMillis} late: HELLO
   * (with AUTH) with a server map, SELECT and CLIENT with OK, PING with PONG, MGET with the same
   * row for every key.
   */
  static final class SlowResp implements AutoCloseable {
    final ServerSocket server = new ServerSocket(0, 16, InetAddress.getLoopbackAddress());
    final List<Socket> clients = new ArrayList<>();
    final Thread acceptor;
    volatile long delayMillis;

    SlowResp(long delayMillis, byte[] row) throws IOException {
      this.delayMillis = delayMillis;
      acceptor =
          new Thread(
              () -> {
                while (!server.isClosed()) {
                  try {
                    Socket s = server.accept();
                    synchronized (clients) {
                      clients.add(s);
                    }
                    Thread.ofVirtual().start(() -> serve(s, row));
                  } catch (IOException e) {
                    return;
                  }
                }
              });
      acceptor.setDaemon(true);
      acceptor.start();
    }

    int port() {
      return server.getLocalPort();
    }

    /** Closes every open connection (as a restart would) and answers {@code ms} late from now. */
    void restartSlow(long ms) throws IOException {
      delayMillis = ms;
      synchronized (clients) {
        for (Socket c : clients) {
          c.close();
        }
        clients.clear();
      }
    }

    private void serve(Socket s, byte[] row) {
      try (s) {
        InputStream in = new BufferedInputStream(s.getInputStream());
        OutputStream out = s.getOutputStream();
        while (true) {
          List<String> command = readCommand(in);
          if (command == null) {
            return;
          }
          Thread.sleep(delayMillis);
          String name = command.getFirst().toUpperCase(java.util.Locale.ROOT);
          if (name.equals("HELLO")) {
            // RESP3 handshake (with AUTH folded in): a minimal server-info map
            out.write(
                ("%3\r\n$6\r\nserver\r\n$5\r\nredis\r\n$7\r\nversion\r\n$5\r\n7.0.0"
                        + "\r\n$5\r\nproto\r\n:3\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
          } else if (name.equals("PING")) {
            out.write("+PONG\r\n".getBytes(StandardCharsets.US_ASCII));
          } else if (name.equals("MGET")) {
            int n = command.size() - 1;
            out.write(("*" + n + "\r\n").getBytes(StandardCharsets.US_ASCII));
            for (int i = 0; i < n; i++) {
              out.write(("$" + row.length + "\r\n").getBytes(StandardCharsets.US_ASCII));
              out.write(row);
              out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
            }
          } else {
            out.write("+OK\r\n".getBytes(StandardCharsets.US_ASCII));
          }
          out.flush();
        }
      } catch (IOException | InterruptedException e) {
        // the client went away
      }
    }

    private static List<String> readCommand(InputStream in) throws IOException {
      String head = line(in);
      if (head == null) {
        return null;
      }
      int n = Integer.parseInt(head.substring(1));
      List<String> args = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        int len = Integer.parseInt(line(in).substring(1));
        args.add(new String(in.readNBytes(len), StandardCharsets.ISO_8859_1));
        line(in);
      }
      return args;
    }

    private static String line(InputStream in) throws IOException {
      StringBuilder b = new StringBuilder();
      int c;
      while ((c = in.read()) != '\n') {
        if (c < 0) {
          return null;
        }
        if (c != '\r') {
          b.append((char) c);
        }
      }
      return b.toString();
    }

    @Override
    public void close() throws IOException {
      server.close();
      synchronized (clients) {
        for (Socket s : clients) {
          s.close();
        }
      }
    }
  }

  @Test
  void oneDeadlineCoversConnectingAuthSelectAndTheRead() throws Exception {
    byte[] row = FeatureCodec.encode(new float[] {7f, 7f}, 0, 2);
    try (SlowResp redis = new SlowResp(0, row);
        RedisFeatureStore store = open("redis://:pw@127.0.0.1:" + redis.port() + "/2", 250, 0)) {
      float[] out = new float[6];
      assertEquals(3, store.read(AD, IDS, 3, out, 0, 2));
      assertArrayEquals(new float[] {7, 7, 7, 7, 7, 7}, out);
      // a restart, after which every command (HELLO with AUTH, CLIENT SETNAME, CLIENT SETINFO x2,
      // SELECT, MGET) answers in 100 ms: each well under the 250 ms budget, together far past it
      redis.restartSlow(100);
      assertEquals(0, store.read(AD, IDS, 3, out, 0, 2)); // the stale pooled connection fails
      long before = store.counters().fallbackBatches();
      // a new connection must be set up inside this request's deadline: it is not, so defaults
      assertEquals(0, store.read(AD, IDS, 3, out, 0, 2));
      assertArrayEquals(DEFAULTS, out);
      assertEquals(before + 1, store.counters().fallbackBatches());
    }
  }

  @Test
  void sustainedSlownessOpensTheBreakerASingleSlowReadDoesNot() throws Exception {
    byte[] row = FeatureCodec.encode(new float[] {7f, 7f}, 0, 2);
    try (SlowResp slow = new SlowResp(300, row);
        RedisFeatureStore store = open("redis://127.0.0.1:" + slow.port(), 50, 60_000)) {
      float[] out = new float[6];
      for (int i = 1; i < RedisFeatureStore.SLOW_READS_TO_OPEN; i++) {
        assertEquals(0, store.read(AD, IDS, 3, out, 0, 2));
        assertFalse(store.breakerOpen(), "opened after " + i + " slow reads");
      }
      assertEquals(0, store.read(AD, IDS, 3, out, 0, 2));
      assertTrue(store.breakerOpen());
      assertArrayEquals(DEFAULTS, out);
      assertEquals(RedisFeatureStore.SLOW_READS_TO_OPEN, store.counters().fallbackBatches());
    }
  }

  @Test
  void aStoredNanIsRefusedReplacedByDefaultsAndCounted() throws Exception {
    try (RedisProcess redis = RedisProcess.start();
        RedisFeatureStore store = open(redis.url(), 500, 100);
        Jedis admin = new Jedis(URI.create(redis.url()))) {
      store.write(AD, IDS, ROWS, 3);
      byte[] poisoned = FeatureCodec.encode(new float[] {2, 2}, 0, 2);
      int nan = Float.floatToRawIntBits(Float.NaN);
      for (int k = 0; k < 4; k++) {
        poisoned[FeatureCodec.HEADER_BYTES + k] = (byte) (nan >>> (8 * k));
      }
      byte[] prefix =
          (store.settings().keyPrefix() + AD.key() + ":").getBytes(StandardCharsets.US_ASCII);
      admin.set(RedisFeatureStore.key(prefix, 2), poisoned);
      float[] out = new float[6];
      assertEquals(2, store.read(AD, IDS, 3, out, 0, 2));
      assertArrayEquals(new float[] {1, 1, 0.5f, -1f, 3, 3}, out);
      assertEquals(1, store.counters().corruptValues());
    }
  }

  @Test
  void aRestartedRedisIsUsedAgainWithoutOneFailurePerStaleConnection() throws Exception {
    int port = RedisProcess.freePort();
    RedisProcess first = RedisProcess.start(port, null);
    try (RedisFeatureStore store = open("redis://127.0.0.1:" + port, 500, 100)) {
      store.write(AD, IDS, ROWS, 3);
      // fill the pool with several connections: concurrent reads
      CountDownLatch go = new CountDownLatch(1);
      List<Thread> readers = new ArrayList<>();
      for (int t = 0; t < 6; t++) {
        Thread th =
            new Thread(
                () -> {
                  float[] o = new float[6];
                  try {
                    go.await();
                  } catch (InterruptedException e) {
                    return;
                  }
                  for (int i = 0; i < 50; i++) {
                    store.read(AD, IDS, 3, o, 0, 2);
                  }
                });
        th.start();
        readers.add(th);
      }
      go.countDown();
      for (Thread th : readers) {
        th.join();
      }
      first.kill();
      try (RedisProcess second = RedisProcess.start(port, null);
          Jedis admin = new Jedis(URI.create(second.url()))) {
        try (RedisFeatureStore writer = open(second.url(), 2_000, 100)) {
          writer.write(AD, IDS, ROWS, 3);
        }
        float[] out = new float[6];
        // the first read may meet a stale connection; it opens the breaker for 100 ms
        if (store.read(AD, IDS, 3, out, 0, 2) != 3) {
          Thread.sleep(150);
        }
        // from then on every pooled connection is checked when borrowed: the next read succeeds
        assertEquals(3, store.read(AD, IDS, 3, out, 0, 2), store.lastFailure());
        assertArrayEquals(ROWS, out);
        assertEquals("PONG", admin.ping());
      }
    } finally {
      first.close();
    }
  }
}
