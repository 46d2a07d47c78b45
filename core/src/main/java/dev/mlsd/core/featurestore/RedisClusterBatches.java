package dev.mlsd.core.featurestore;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import redis.clients.jedis.ClusterPipeline;
import redis.clients.jedis.ConnectionPoolConfig;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.RedisClusterClient;
import redis.clients.jedis.Response;
import redis.clients.jedis.exceptions.JedisException;

/**
 * How {@link RedisFeatureStore} talks to a Redis Cluster: batching per node.
 *
 * <p>The keys keep the single-server layout ({@code mlsd:fs:<group>:v<version>:<id>}, no hash
 * tags), so every feature group spreads over all the masters by the key's hash slot and no node is
 * a hot spot. A cluster refuses an {@code MGET} whose keys lie in different slots, so a batch read
 * groups its keys by the node that owns their slot and sends each node one pipeline of {@code GET}s
 * (Jedis's {@link ClusterPipeline}), the nodes in parallel: one round trip per node involved, never
 * one per key. A write chunk goes the same way with {@code SET}s.
 *
 * <p>A pipeline is read once, when it is closed: Jedis's {@code ClusterPipeline.close()} syncs, and
 * a second {@code sync()} after a node's connection failed would trip over the connection the first
 * one dropped (a {@code NullPointerException} on a pool thread, logged by Jedis 8.0).
 *
 * <p>Failover: the client learns the slot map at start and refreshes it every {@link
 * #TOPOLOGY_REFRESH} and after any failed batch, so when a master dies and its replica is promoted,
 * reads reach the new master without a restart. Until then a batch touching the dead node fails,
 * and the store serves that batch with defaults (counted) as for a single server.
 *
 * <p>Thread safety: every method from any thread.
 */
final class RedisClusterBatches implements AutoCloseable {
  /** How often the slot map is refreshed without a failure. */
  static final java.time.Duration TOPOLOGY_REFRESH = java.time.Duration.ofSeconds(1);

  private final RedisClusterClient client;
  private final ExecutorService nodes;

  RedisClusterBatches(Set<HostAndPort> seeds, java.time.Duration timeout, int poolSize) {
    ConnectionPoolConfig pool = new ConnectionPoolConfig();
    pool.setMaxTotal(poolSize);
    pool.setMaxIdle(poolSize);
    pool.setMinIdle(0);
    pool.setMaxWait(timeout);
    pool.setJmxEnabled(false);
    int millis = (int) Math.min(Integer.MAX_VALUE, timeout.toMillis());
    this.client =
        RedisClusterClient.builder()
            .nodes(seeds)
            .clientConfig(
                DefaultJedisClientConfig.builder()
                    .connectionTimeoutMillis(millis)
                    .socketTimeoutMillis(millis)
                    .clientName("mlsd-feature-store")
                    .build())
            .poolConfig(pool)
            .maxAttempts(2)
            .maxTotalRetriesDuration(timeout)
            .topologyRefreshPeriod(TOPOLOGY_REFRESH)
            .build();
    AtomicInteger no = new AtomicInteger();
    ThreadPoolExecutor ex =
        new ThreadPoolExecutor(
            poolSize,
            poolSize,
            30,
            TimeUnit.SECONDS,
            new LinkedBlockingQueue<>(),
            r -> {
              Thread t = new Thread(r, "redis-cluster-node-" + no.incrementAndGet());
              t.setDaemon(true);
              return t;
            });
    ex.allowCoreThreadTimeOut(true);
    this.nodes = ex;
  }

  /** Parses {@code host:port,host:port,...} (at least one seed node). */
  static Set<HostAndPort> parseSeeds(String hostPorts) {
    if (hostPorts == null || hostPorts.isBlank()) {
      throw new IllegalArgumentException("Redis Cluster needs at least one host:port seed node");
    }
    Set<HostAndPort> out = new LinkedHashSet<>();
    for (String s : hostPorts.split(",")) {
      String t = s.trim();
      int colon = t.lastIndexOf(':');
      if (colon <= 0 || colon == t.length() - 1) {
        throw new IllegalArgumentException("not a host:port seed node: '" + t + "'");
      }
      try {
        out.add(new HostAndPort(t.substring(0, colon), Integer.parseInt(t.substring(colon + 1))));
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("not a host:port seed node: '" + t + "'", e);
      }
    }
    return out;
  }

  /** The values of {@code keys}, in order, {@code null} where absent: one pipeline per node. */
  List<byte[]> mget(byte[][] keys) {
    try {
      List<Response<byte[]>> rs = new ArrayList<>(keys.length);
      // closing the pipeline reads every node's answers (its one sync; see the class comment)
      try (ClusterPipeline p = client.pipelined(nodes)) {
        for (byte[] k : keys) {
          rs.add(p.get(k));
        }
      }
      List<byte[]> out = new ArrayList<>(keys.length);
      for (Response<byte[]> r : rs) {
        out.add(r.get());
      }
      return out;
    } catch (JedisException | IllegalStateException e) {
      refresh();
      throw e;
    }
  }

  /** Writes key/value pairs ({@code kv[2i]} = key, {@code kv[2i+1]} = value). */
  void mset(byte[][] kv) {
    try {
      List<Response<String>> rs = new ArrayList<>(kv.length / 2);
      try (ClusterPipeline p = client.pipelined(nodes)) {
        for (int i = 0; i + 1 < kv.length; i += 2) {
          rs.add(p.set(kv[i], kv[i + 1]));
        }
      }
      for (Response<String> r : rs) {
        r.get(); // a node's failure surfaces here as an exception, never as a lost write
      }
    } catch (JedisException | IllegalStateException e) {
      refresh();
      throw e;
    }
  }

  /** Deletes keys. */
  void del(byte[][] keys) {
    List<Response<Long>> rs = new ArrayList<>(keys.length);
    try (ClusterPipeline p = client.pipelined(nodes)) {
      for (byte[] k : keys) {
        rs.add(p.del(k));
      }
    }
    for (Response<Long> r : rs) {
      r.get();
    }
  }

  /** PING to a node of the cluster. */
  String ping() {
    return client.ping();
  }

  /** The masters the client knows now, {@code host:port}. */
  Set<String> nodes() {
    return client.getClusterNodes().keySet();
  }

  private void refresh() {
    try {
      client.refreshClusterTopology();
    } catch (JedisException | IllegalStateException e) {
      // every seed down: the periodic refresh keeps trying
    }
  }

  @Override
  public void close() {
    nodes.shutdownNow();
    client.close();
  }
}
