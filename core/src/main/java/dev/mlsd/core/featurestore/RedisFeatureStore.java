package dev.mlsd.core.featurestore;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import redis.clients.jedis.ConnectionPoolConfig;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.SslOptions;
import redis.clients.jedis.exceptions.JedisException;
import redis.clients.jedis.util.JedisURIHelper;

/**
 * The feature store on Redis, through Jedis 8's pooled {@link RedisClient}.
 *
 * <p>Layout: one Redis string per (feature group, entity), key {@code PREFIX + name + ":v" +
 * version + ":" + id} (e.g. {@code mlsd:fs:ad:v1:42}), value a {@link FeatureCodec} row (version
 * byte, dim, little-endian floats). A batch read is one {@code MGET} of every candidate's key: one
 * round trip per request. Materialisation writes with {@code MSET} in chunks of {@value #CHUNK}, on
 * a separate small pool whose timeout is {@link #WRITE_TIMEOUT}, not the serving budget.
 *
 * <p>Budget: one deadline per request, {@link Settings#budget()} from the moment {@link #read} is
 * called, across everything Redis needs: waiting for a pooled connection, connecting, AUTH, SELECT,
 * validating the connection and the MGET. The Redis call runs on one of the store's own I/O threads
 * and the request waits for it at most until the deadline; a late call finishes in the background
 * (bounded by Jedis's own timeouts, the budget or {@link #LATE_CALL_TIMEOUT} if longer) and its
 * answer is dropped, its connection kept. When Redis is down, refuses, or answers after the
 * deadline, the batch is served with the schema's defaults and counted in {@link
 * FeatureStoreCounters#fallbackBatches()}.
 *
 * <p>Breaker: when Redis is unreachable (refused, reset, closed), or when it is slow for a
 * sustained time ({@value #SLOW_READS_TO_OPEN} reads in a row miss the deadline, and they span at
 * least {@value #SLOW_READS_TO_OPEN} minus one budgets, so that many reads can't miss together in
 * one short stall), for {@link Settings#retryAfter()} afterwards requests do not try it at all
 * (they fall back at once), then one request tries again. A single slow answer costs only its own
 * request, and so does a burst of concurrent ones missing together in one scheduling stall of this
 * process or of Redis: opening the breaker on such a burst made a stall of a few milliseconds cost
 * {@code retryAfter} of defaults for every request (at 1,000 requests/s, 1,501 late reads in ten
 * minutes had become 85,211 fallbacks). After a broken connection, pooled connections are validated
 * (PING) when borrowed until a read succeeds again, so the stale connections left by a Redis
 * restart are replaced instead of failing one request each.
 *
 * <p>Values: a stored row of another encoding version or length, or holding an infinity or a NaN
 * (except in a column whose default is NaN, its declared missing value), is refused by {@link
 * FeatureCodec}, replaced by the defaults and counted in {@link
 * FeatureStoreCounters#corruptValues()}; {@link #write} refuses such rows.
 *
 * <p>Redis Cluster ({@link #cluster}): the same store over a cluster's masters, batching per node
 * (see {@link RedisClusterBatches}): the keys keep this layout, and a batch read costs one
 * pipelined round trip per node involved; the deadline, the breaker and the counters are the ones
 * above.
 *
 * <p>Security: AUTH and TLS come through the URL: {@code redis://user:password@host:port/db},
 * {@code rediss://...} for TLS.
 *
 * <p>Allocation: each read allocates its key arrays and a task for the I/O thread, and Jedis
 * allocates the reply; this is the network path, measured beside the in-memory store in {@code
 * PipelineBenchmark}.
 *
 * <p>Thread safety: every method from any thread.
 *
 * <p>Book: chapter 1, "Feature store"; chapter 8, "Serving" (feature store, latency budget).
 */
public final class RedisFeatureStore implements FeatureStore {
  /** The timeout of materialisation writes (not bound by the serving budget). */
  public static final Duration WRITE_TIMEOUT = Duration.ofSeconds(10);

  /**
   * The least time Jedis gives a connect or a reply before it gives up on the connection (the
   * request itself waits only its budget): long enough for a late answer to land and keep its
   * connection.
   */
  public static final Duration LATE_CALL_TIMEOUT = Duration.ofMillis(250);

  /** Keys per MSET when materialising. */
  public static final int CHUNK = 500;

  /**
   * Reads in a row that miss the deadline, spanning at least this many budgets minus one, before
   * the breaker opens as for an unreachable server.
   */
  public static final int SLOW_READS_TO_OPEN = 5;

  /**
   * How the store talks to Redis.
   *
   * @param budget the longest one batch read may wait for Redis before serving defaults
   * @param poolSize the most connections open at once (one per concurrent request)
   * @param retryAfter after a failure, how long requests serve defaults without trying Redis
   * @param keyPrefix prepended to every key, e.g. {@code "mlsd:fs:"}
   */
  public record Settings(Duration budget, int poolSize, Duration retryAfter, String keyPrefix) {
    /** Checks the values. */
    public Settings {
      if (budget == null || budget.toMillis() < 1) {
        throw new IllegalArgumentException("budget must be at least 1 ms, got " + budget);
      }
      if (poolSize < 1) {
        throw new IllegalArgumentException("poolSize must be >= 1, got " + poolSize);
      }
      if (retryAfter == null || retryAfter.isNegative()) {
        throw new IllegalArgumentException("retryAfter must be >= 0, got " + retryAfter);
      }
      if (keyPrefix == null) {
        throw new IllegalArgumentException("keyPrefix must not be null");
      }
    }

    /** 10 ms budget, 16 connections, retry after 500 ms, prefix {@code mlsd:fs:}. */
    public static Settings defaults() {
      return new Settings(Duration.ofMillis(10), 16, Duration.ofMillis(500), "mlsd:fs:");
    }

    /** These settings with another budget. */
    public Settings withBudget(Duration b) {
      return new Settings(b, poolSize, retryAfter, keyPrefix);
    }

    /** These settings with another retry delay. */
    public Settings withRetryAfter(Duration r) {
      return new Settings(budget, poolSize, r, keyPrefix);
    }

    /** These settings with another key prefix. */
    public Settings withKeyPrefix(String p) {
      return new Settings(budget, poolSize, retryAfter, p);
    }
  }

  /** Why a batch read fell back to defaults; counted by {@link #fallbackCauses()}. */
  public enum FallbackCause {
    /** The breaker was open after a recent failure: Redis was not tried. */
    BREAKER_OPEN("breaker open"),
    /** Every I/O thread was busy with an earlier call (each holds one pooled connection). */
    IO_THREADS_BUSY("all I/O threads busy"),
    /** The deadline passed before an I/O thread had started the call (a scheduling delay). */
    DEADLINE_BEFORE_CALL("deadline passed before the call started"),
    /**
     * The deadline passed during the call: waiting for a pooled connection, connecting (with AUTH
     * and SELECT) or the command itself.
     */
    DEADLINE_IN_CALL("deadline passed during the call"),
    /** The call failed: refused, reset, closed, or Jedis's own timeout. */
    ERROR("call failed"),
    /** The store was closed, or the request thread interrupted. */
    CLOSED("closed or interrupted");

    private final String text;

    FallbackCause(String text) {
      this.text = text;
    }

    @Override
    public String toString() {
      return text;
    }
  }

  private final java.util.EnumMap<FallbackCause, java.util.concurrent.atomic.LongAdder> causes =
      new java.util.EnumMap<>(FallbackCause.class);

  private final RedisClient redis; // null on a cluster
  private final RedisClient writer; // null on a cluster
  private final RedisClusterBatches cluster; // null on one server
  private final RedisClusterBatches clusterWriter; // null on one server
  private final Settings settings;
  private final String redactedUrl;
  private final FeatureStoreCounters counters = new FeatureStoreCounters();
  private final ConcurrentHashMap<String, byte[]> keyPrefixes = new ConcurrentHashMap<>();
  private final ThreadPoolExecutor io;
  private final AtomicInteger slowInARow = new AtomicInteger();
  private final java.util.concurrent.atomic.AtomicLong slowSinceNanos =
      new java.util.concurrent.atomic.AtomicLong();
  private volatile boolean validating;
  private volatile long retryAtNanos = System.nanoTime();
  private volatile String lastFailure = "none";
  private volatile boolean closed;

  {
    for (FallbackCause c : FallbackCause.values()) {
      causes.put(c, new java.util.concurrent.atomic.LongAdder());
    }
  }

  /**
   * Opens a pool; no connection is made until the first read or write.
   *
   * @param url {@code redis://[user:password@]host:port[/db]} or {@code rediss://...}
   * @param settings budget, pool size, retry delay, key prefix
   * @throws IllegalArgumentException if the URL is not a Redis URL
   */
  public RedisFeatureStore(String url, Settings settings) {
    URI uri = parse(url);
    this.settings = settings;
    this.redactedUrl = uri.getScheme() + "://" + uri.getHost() + ":" + uri.getPort();
    // Jedis's own timeouts are not the request's deadline (that is the I/O thread's Future): a
    // read past the deadline finishes in the background and its connection goes back to the pool
    // warm, rather than timing out at the budget and being destroyed, which left each next read a
    // new connection to set up (several round trips) inside the budget, and so late again
    this.redis =
        client(
            uri,
            settings.budget().compareTo(LATE_CALL_TIMEOUT) > 0
                ? settings.budget()
                : LATE_CALL_TIMEOUT,
            settings.poolSize());
    // materialisation is a batch job, not a request: its own small pool with generous timeouts
    this.writer = client(uri, WRITE_TIMEOUT, 2);
    this.cluster = null;
    this.clusterWriter = null;
    this.io = ioThreads(settings.poolSize());
  }

  private RedisFeatureStore(
      java.util.Set<redis.clients.jedis.HostAndPort> nodes, Settings settings) {
    this.settings = settings;
    this.redactedUrl =
        "redis-cluster://" + nodes.iterator().next() + (nodes.size() > 1 ? ",..." : "");
    this.redis = null;
    this.writer = null;
    try {
      this.cluster = new RedisClusterBatches(nodes, settings.budget(), settings.poolSize());
      // materialisation: its own small client with generous timeouts, as on one server
      this.clusterWriter = new RedisClusterBatches(nodes, WRITE_TIMEOUT, 2);
    } catch (JedisException e) {
      throw new FeatureStoreException(
          "no seed node of " + redactedUrl + " answered with the slot map: " + e.getMessage(), e);
    }
    this.io = ioThreads(settings.poolSize());
  }

  /**
   * Opens the store on a Redis Cluster. The client reads the slot map from a seed node here, so one
   * seed must answer; after that, a node down degrades reads as a server down does.
   *
   * @param seeds {@code host:port[,host:port...]}: one or more of the cluster's nodes
   * @param settings budget, pool size (per node), retry delay, key prefix
   * @throws IllegalArgumentException if a seed is not {@code host:port}
   * @throws FeatureStoreException if no seed node answers
   */
  public static RedisFeatureStore cluster(String seeds, Settings settings) {
    return new RedisFeatureStore(RedisClusterBatches.parseSeeds(seeds), settings);
  }

  private static ThreadPoolExecutor ioThreads(int poolSize) {
    // one I/O thread per pooled connection; a request that finds them all busy falls back at once
    AtomicInteger threadNo = new AtomicInteger();
    ThreadPoolExecutor io =
        new ThreadPoolExecutor(
            poolSize,
            poolSize,
            30,
            TimeUnit.SECONDS,
            new SynchronousQueue<>(),
            r -> {
              Thread t = new Thread(r, "redis-feature-store-" + threadNo.incrementAndGet());
              t.setDaemon(true);
              return t;
            },
            new ThreadPoolExecutor.AbortPolicy());
    io.allowCoreThreadTimeOut(true);
    return io;
  }

  private static RedisClient client(URI uri, Duration timeout, int poolSize) {
    ConnectionPoolConfig pool = new ConnectionPoolConfig();
    pool.setMaxTotal(poolSize);
    pool.setMaxIdle(poolSize);
    pool.setMinIdle(0);
    pool.setBlockWhenExhausted(true);
    pool.setMaxWait(timeout);
    pool.setTestOnBorrow(false);
    pool.setJmxEnabled(false);
    int millis = (int) Math.min(Integer.MAX_VALUE, timeout.toMillis());
    DefaultJedisClientConfig.Builder client =
        DefaultJedisClientConfig.builder()
            .connectionTimeoutMillis(millis)
            .socketTimeoutMillis(millis)
            .user(JedisURIHelper.getUser(uri))
            .password(JedisURIHelper.getPassword(uri))
            .clientName("mlsd-feature-store");
    if (JedisURIHelper.isRedisSSLScheme(uri)) {
      // rediss://: TLS with Jedis's default SSL options (the JDK's trust store)
      client.sslOptions(SslOptions.defaults());
    }
    if (JedisURIHelper.hasDbIndex(uri)) {
      client.database(JedisURIHelper.getDBIndex(uri));
    }
    return RedisClient.builder()
        .hostAndPort(JedisURIHelper.getHostAndPort(uri))
        .clientConfig(client.build())
        .poolConfig(pool)
        .build();
  }

  /** Opens a store with {@link Settings#defaults()}. */
  public static RedisFeatureStore open(String url) {
    return new RedisFeatureStore(url, Settings.defaults());
  }

  private static URI parse(String url) {
    if (url == null) {
      throw new IllegalArgumentException("Redis URL must not be null");
    }
    try {
      URI uri = new URI(url);
      if (!"redis".equals(uri.getScheme()) && !"rediss".equals(uri.getScheme())) {
        throw new IllegalArgumentException("Redis URL must start with redis:// or rediss://");
      }
      if (uri.getHost() == null || uri.getPort() < 1) {
        throw new IllegalArgumentException("Redis URL needs host:port");
      }
      return uri;
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException("not a Redis URL: " + e.getMessage(), e);
    }
  }

  /** The settings this store was opened with. */
  public Settings settings() {
    return settings;
  }

  @Override
  public void write(FeatureSchema schema, int[] ids, float[] rows, int count) {
    int dim = schema.dim();
    FeatureStore.checkBatch(schema, ids, count, rows, 0, dim);
    byte[] prefix = prefix(schema);
    try {
      for (int start = 0; start < count; start += CHUNK) {
        int n = Math.min(CHUNK, count - start);
        byte[][] kv = new byte[2 * n][];
        for (int i = 0; i < n; i++) {
          kv[2 * i] = key(prefix, ids[start + i]);
          kv[2 * i + 1] = FeatureCodec.encode(schema, rows, (start + i) * dim);
        }
        if (cluster != null) {
          clusterWriter.mset(kv);
        } else {
          writer.mset(kv);
        }
      }
    } catch (JedisException | IllegalStateException e) {
      throw new FeatureStoreException(
          "could not write " + schema.key() + " to " + redactedUrl + ": " + e.getMessage(), e);
    }
  }

  @Override
  public int read(
      FeatureSchema schema, int[] ids, int count, float[] out, int outOffset, int outStride) {
    FeatureStore.checkBatch(schema, ids, count, out, outOffset, outStride);
    counters.batches.increment();
    counters.rows.add(count);
    if (count == 0) {
      return 0;
    }
    long deadline = System.nanoTime() + settings.budget().toNanos();
    if (closed || System.nanoTime() - retryAtNanos < 0) {
      return fallback(
          closed ? FallbackCause.CLOSED : FallbackCause.BREAKER_OPEN,
          schema,
          count,
          out,
          outOffset,
          outStride);
    }
    byte[] prefix = prefix(schema);
    byte[][] keys = new byte[count][];
    for (int i = 0; i < count; i++) {
      keys[i] = key(prefix, ids[i]);
    }
    List<byte[]> values;
    Future<List<byte[]>> call = null;
    java.util.concurrent.atomic.AtomicBoolean started =
        new java.util.concurrent.atomic.AtomicBoolean();
    try {
      call =
          io.submit(
              () -> {
                started.set(true);
                return cluster != null ? cluster.mget(keys) : redis.mget(keys);
              });
      values = call.get(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
    } catch (TimeoutException | RejectedExecutionException e) {
      // Redis (or every I/O thread) is slower than the deadline: this request serves defaults
      call = cancel(call);
      FallbackCause why =
          e instanceof RejectedExecutionException
              ? FallbackCause.IO_THREADS_BUSY
              : started.get() ? FallbackCause.DEADLINE_IN_CALL : FallbackCause.DEADLINE_BEFORE_CALL;
      return failed(
          true,
          why,
          "no answer within the " + settings.budget().toMillis() + " ms budget (" + why + ")",
          schema,
          count,
          out,
          outOffset,
          outStride);
    } catch (ExecutionException e) {
      // down, refused, slower than Jedis's own timeouts, pool exhausted, or closed
      Throwable cause = e.getCause();
      return failed(
          isSlow(cause),
          FallbackCause.ERROR,
          cause.getClass().getSimpleName() + ": " + cause.getMessage(),
          schema,
          count,
          out,
          outOffset,
          outStride);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      cancel(call);
      return fallback(FallbackCause.CLOSED, schema, count, out, outOffset, outStride);
    }
    slowInARow.set(0);
    slowSinceNanos.set(0);
    if (validating) {
      validating = false;
      if (redis != null) {
        redis.getPool().setTestOnBorrow(false);
      }
    }
    int dim = schema.dim();
    int found = 0;
    int missing = 0;
    int corrupt = 0;
    for (int i = 0; i < count; i++) {
      byte[] v = values.get(i);
      int o = outOffset + i * outStride;
      if (v == null) {
        schema.copyDefaults(out, o);
        missing++;
      } else if (FeatureCodec.decode(v, schema, out, o)) {
        found++;
      } else {
        schema.copyDefaults(out, o);
        corrupt++;
      }
    }
    if (missing > 0) {
      counters.missingRows.add(missing);
    }
    if (corrupt > 0) {
      counters.corruptValues.add(corrupt);
    }
    return found;
  }

  /**
   * Serves defaults after a failed read, and decides about the breaker: an unreachable server opens
   * it at once, slowness once it is sustained (see the class comment). After a broken connection,
   * pooled connections are validated on borrow until a read succeeds.
   */
  private int failed(
      boolean slow,
      FallbackCause cause,
      String reason,
      FeatureSchema schema,
      int count,
      float[] out,
      int outOffset,
      int stride) {
    lastFailure = reason;
    if (!slow && !validating && !closed) {
      // a broken connection (a restart, a reset) may have stale siblings in the pool; a slow
      // answer says nothing about the connections, and validating them then would only add PINGs
      validating = true;
      if (redis != null) {
        redis.getPool().setTestOnBorrow(true);
      }
    }
    long now = System.nanoTime();
    long budget = settings.budget().toNanos();
    if (slow) {
      // this run of slow reads began about one budget before the first of them failed
      slowSinceNanos.compareAndSet(0, now - budget);
    }
    if (!slow
        || (slowInARow.incrementAndGet() >= SLOW_READS_TO_OPEN
            && now - slowSinceNanos.get() >= (SLOW_READS_TO_OPEN - 1) * budget)) {
      slowInARow.set(0);
      slowSinceNanos.set(0);
      retryAtNanos = now + settings.retryAfter().toNanos();
    }
    return fallback(cause, schema, count, out, outOffset, stride);
  }

  private static <T> Future<T> cancel(Future<T> call) {
    if (call != null) {
      // not started yet: never run; running: finishes within Jedis's timeouts, answer dropped
      call.cancel(false);
    }
    return null;
  }

  /** A read timeout or a pool wait past the budget, as opposed to an unreachable server. */
  private static boolean isSlow(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof java.net.SocketTimeoutException
          || t instanceof java.util.NoSuchElementException) {
        return true;
      }
    }
    return false;
  }

  private int fallback(
      FallbackCause cause,
      FeatureSchema schema,
      int count,
      float[] out,
      int outOffset,
      int stride) {
    causes.get(cause).increment();
    for (int i = 0; i < count; i++) {
      schema.copyDefaults(out, outOffset + i * stride);
    }
    counters.fallbackBatches.increment();
    counters.fallbackRows.add(count);
    return 0;
  }

  /** Deletes every key of a feature group (SCAN-free: only the given ids). */
  public void delete(FeatureSchema schema, int[] ids, int count) {
    byte[] prefix = prefix(schema);
    try {
      for (int start = 0; start < count; start += CHUNK) {
        int n = Math.min(CHUNK, count - start);
        byte[][] keys = new byte[n][];
        for (int i = 0; i < n; i++) {
          keys[i] = key(prefix, ids[start + i]);
        }
        if (cluster != null) {
          clusterWriter.del(keys);
        } else {
          writer.del(keys);
        }
      }
    } catch (JedisException | IllegalStateException e) {
      throw new FeatureStoreException("could not delete from " + redactedUrl, e);
    }
  }

  /** Whether Redis answers a PING within the budget now. */
  public boolean ping() {
    try {
      return "PONG".equals(cluster != null ? cluster.ping() : redis.ping());
    } catch (JedisException | IllegalStateException e) {
      return false;
    }
  }

  /** Whether reads skip Redis right now (unreachable, or slow too many times in a row). */
  public boolean breakerOpen() {
    return System.nanoTime() - retryAtNanos < 0;
  }

  /** Batch reads that fell back to defaults, by cause, since the store opened (every cause). */
  public java.util.Map<FallbackCause, Long> fallbackCauses() {
    java.util.Map<FallbackCause, Long> out = new java.util.EnumMap<>(FallbackCause.class);
    causes.forEach((c, n) -> out.put(c, n.sum()));
    return out;
  }

  /**
   * The single-server connection pool's life so far, one line: connections created and destroyed
   * (more created than the pool holds means reconnects), and the longest wait for a pooled
   * connection; "" on a cluster.
   */
  public String poolStats() {
    if (redis == null) {
      return "";
    }
    var pool = redis.getPool();
    return "connections created "
        + pool.getCreatedCount()
        + ", destroyed "
        + pool.getDestroyedCount()
        + ", borrowed "
        + pool.getBorrowedCount()
        + ", longest wait for one "
        + pool.getMaxBorrowWaitDuration().toMillis()
        + " ms";
  }

  /** The last reason a read fell back to defaults, one line, for diagnostics; "none" before. */
  public String lastFailure() {
    return lastFailure;
  }

  @Override
  public FeatureStoreCounters counters() {
    return counters;
  }

  @Override
  public String kind() {
    return cluster != null ? "redis-cluster" : "redis";
  }

  @Override
  public void close() {
    closed = true;
    io.shutdownNow();
    if (cluster != null) {
      cluster.close();
      clusterWriter.close();
    } else {
      redis.close();
      writer.close();
    }
  }

  @Override
  public String toString() {
    return "RedisFeatureStore[" + redactedUrl + ", budget " + settings.budget() + "]";
  }

  private byte[] prefix(FeatureSchema schema) {
    byte[] p = keyPrefixes.get(schema.key());
    if (p == null) {
      p = (settings.keyPrefix() + schema.key() + ":").getBytes(StandardCharsets.US_ASCII);
      keyPrefixes.put(schema.key(), p);
    }
    return p;
  }

  /** prefix followed by the id in decimal ASCII, without going through a String. */
  static byte[] key(byte[] prefix, int id) {
    long v = id;
    boolean negative = v < 0;
    if (negative) {
      v = -v;
    }
    int digits = 1;
    for (long t = v; t >= 10; t /= 10) {
      digits++;
    }
    byte[] k = new byte[prefix.length + digits + (negative ? 1 : 0)];
    System.arraycopy(prefix, 0, k, 0, prefix.length);
    int end = k.length;
    do {
      k[--end] = (byte) ('0' + (v % 10));
      v /= 10;
    } while (v > 0);
    if (negative) {
      k[prefix.length] = '-';
    }
    return k;
  }
}
