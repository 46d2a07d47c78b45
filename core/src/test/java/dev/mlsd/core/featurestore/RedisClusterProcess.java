package dev.mlsd.core.featurestore;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import redis.clients.jedis.Jedis;

/**
 * A private, throw-away Redis Cluster on loopback: {@code masters} redis-server processes started
 * with {@code --cluster-enabled yes}, each with one replica, joined by {@code redis-cli --cluster
 * create ... --cluster-replicas 1 --cluster-yes}; persistence off (each node's replication snapshot
 * under its own file name), node timeout {@value #NODE_TIMEOUT_MS} ms (a dead master's replica is
 * promoted a second or two after it dies); started once every replica has synced. Test scope;
 * published in core's test-jar.
 *
 * <p>Thread safety: none; one test owns it.
 */
public final class RedisClusterProcess implements AutoCloseable {
  /** {@code cluster-node-timeout}: how long a master may be unreachable before failover. */
  public static final int NODE_TIMEOUT_MS = 1000;

  private final List<Process> processes;
  private final List<Integer> ports;
  private final Path dir;

  private RedisClusterProcess(List<Process> processes, List<Integer> ports, Path dir) {
    this.processes = processes;
    this.ports = ports;
    this.dir = dir;
  }

  /** The redis-cli binary on the PATH, or null. */
  public static Path findCli() {
    String path = System.getenv("PATH");
    if (path == null) {
      return null;
    }
    for (String d : path.split(File.pathSeparator)) {
      Path p = Path.of(d, "redis-cli");
      if (Files.isExecutable(p)) {
        return p;
      }
    }
    return null;
  }

  /**
   * Starts {@code masters} masters and as many replicas and waits until the cluster state is ok.
   *
   * @throws IOException if a binary is missing or the cluster does not form within 30 s
   */
  public static RedisClusterProcess start(int masters) throws IOException, InterruptedException {
    Path server = RedisProcess.findBinary();
    Path cli = findCli();
    if (server == null || cli == null) {
      throw new IOException("redis-server and redis-cli must be on the PATH");
    }
    Path dir = Files.createTempDirectory("mlsd-redis-cluster");
    List<Process> procs = new ArrayList<>();
    List<Integer> ports = new ArrayList<>();
    RedisClusterProcess c = new RedisClusterProcess(procs, ports, dir);
    try {
      for (int i = 0; i < 2 * masters; i++) {
        int port = clusterPort(ports);
        ports.add(port);
        procs.add(
            new ProcessBuilder(
                    server.toString(),
                    "--port",
                    Integer.toString(port),
                    "--bind",
                    "127.0.0.1",
                    "--cluster-enabled",
                    "yes",
                    "--cluster-config-file",
                    "nodes-" + port + ".conf",
                    "--cluster-node-timeout",
                    Integer.toString(NODE_TIMEOUT_MS),
                    "--dir",
                    dir.toString(),
                    // one RDB file per node: a replica's full sync renames the received snapshot
                    // to this name and loads it, so with one shared name two replicas syncing at
                    // once could each load the other's master's data
                    "--dbfilename",
                    "dump-" + port + ".rdb",
                    "--save",
                    "",
                    "--appendonly",
                    "no")
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("redis-" + port + ".log").toFile())
                .start());
      }
      for (int port : ports) {
        waitUntil(() -> answersPing(port), 10_000, "redis-server on port " + port);
      }
      List<String> cmd = new ArrayList<>(List.of(cli.toString(), "--cluster", "create"));
      for (int port : ports) {
        cmd.add("127.0.0.1:" + port);
      }
      cmd.addAll(List.of("--cluster-replicas", "1", "--cluster-yes"));
      Process create =
          new ProcessBuilder(cmd)
              .redirectErrorStream(true)
              .redirectOutput(dir.resolve("create.log").toFile())
              .start();
      if (!create.waitFor(30, TimeUnit.SECONDS) || create.exitValue() != 0) {
        throw new IOException(
            "redis-cli --cluster create failed: " + Files.readString(dir.resolve("create.log")));
      }
      for (int port : ports) {
        waitUntil(() -> clusterOk(port), 30_000, "cluster_state:ok on port " + port);
      }
      // every replica's first (full) sync done before anything is written
      waitUntil(
          () -> ports.stream().filter(RedisClusterProcess::syncedReplica).count() == masters,
          30_000,
          masters + " replicas synced");
      return c;
    } catch (IOException | InterruptedException | RuntimeException e) {
      c.close();
      throw e;
    }
  }

  /** {@code 127.0.0.1:port} of the first node: a seed for a cluster client. */
  public String seed() {
    return "127.0.0.1:" + ports.get(0);
  }

  /** Every node's port, masters and replicas. */
  public List<Integer> ports() {
    return List.copyOf(ports);
  }

  /** The port of the master serving {@code slot} now, or -1. */
  public int masterOf(int slot) {
    for (int port : ports) {
      if (!isAlive(port)) {
        continue;
      }
      try (Jedis j = new Jedis("127.0.0.1", port, 1000)) {
        for (String line : j.clusterNodes().split("\n")) {
          String[] f = line.trim().split(" ");
          if (f.length < 9 || !f[2].contains("master") || f[2].contains("fail")) {
            continue;
          }
          for (int i = 8; i < f.length; i++) {
            String[] range = f[i].split("-");
            if (range[0].startsWith("[")) {
              continue;
            }
            int lo = Integer.parseInt(range[0]);
            int hi = range.length > 1 ? Integer.parseInt(range[1]) : lo;
            if (slot >= lo && slot <= hi) {
              String addr = f[1].split("@")[0];
              return Integer.parseInt(addr.substring(addr.lastIndexOf(':') + 1));
            }
          }
        }
        return -1;
      } catch (RuntimeException e) {
        // try the next node
      }
    }
    return -1;
  }

  /** Kills the node on {@code port} at once (SIGKILL), as a crash would. */
  public void kill(int port) throws InterruptedException {
    Process p = processes.get(ports.indexOf(port));
    p.destroyForcibly();
    p.waitFor(10, TimeUnit.SECONDS);
  }

  /** Whether the node on {@code port} still runs. */
  public boolean isAlive(int port) {
    return processes.get(ports.indexOf(port)).isAlive();
  }

  /** Keys stored on the node on {@code port} (DBSIZE). */
  public long dbSize(int port) {
    try (Jedis j = new Jedis("127.0.0.1", port, 1000)) {
      return j.dbSize();
    }
  }

  /**
   * Waits until every live master's replica has acknowledged all the writes the master had taken
   * when this was called: the offset each replica reports in the master's {@code INFO replication}
   * ({@code slaveN:...,offset=N}, acknowledged about once a second) reaches the master's {@code
   * master_repl_offset}. Redis replicates asynchronously, so a replica promoted before that lacks
   * the last writes. ({@code WAIT} would not do here: it counts only the writes of the connection
   * that sends it, and the writes came from another client.)
   *
   * @throws IllegalStateException if a replica has not caught up within {@code timeoutMillis}
   */
  public void awaitReplication(long timeoutMillis) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
    for (int port : ports) {
      if (!isAlive(port)) {
        continue;
      }
      try (Jedis j = new Jedis("127.0.0.1", port, 5000)) {
        String info = j.info("replication");
        if (!info.contains("role:master")) {
          continue;
        }
        long target = field(info, "master_repl_offset");
        while (lowestReplicaOffset(info) < target) {
          if (System.nanoTime() > deadline) {
            throw new IllegalStateException(
                "the replica of the master on port "
                    + port
                    + " has not acknowledged offset "
                    + target
                    + " within "
                    + timeoutMillis
                    + " ms: "
                    + info.replace("\r\n", " "));
          }
          Thread.sleep(20);
          info = j.info("replication");
        }
      }
    }
  }

  /** The smallest offset a replica of this master acknowledged, or -1 without a replica. */
  private static long lowestReplicaOffset(String info) {
    long lowest = Long.MAX_VALUE;
    for (String line : info.split("\r?\n")) {
      if (line.startsWith("slave") && line.contains(":ip=")) {
        for (String kv : line.substring(line.indexOf(':') + 1).split(",")) {
          if (kv.startsWith("offset=")) {
            lowest = Math.min(lowest, Long.parseLong(kv.substring("offset=".length()).trim()));
          }
        }
      }
    }
    return lowest == Long.MAX_VALUE ? -1 : lowest;
  }

  private static long field(String info, String name) {
    for (String line : info.split("\r?\n")) {
      if (line.startsWith(name + ":")) {
        return Long.parseLong(line.substring(name.length() + 1).trim());
      }
    }
    throw new IllegalStateException("no " + name + " in INFO replication: " + info);
  }

  @Override
  public void close() {
    for (Process p : processes) {
      p.destroyForcibly();
    }
    for (Process p : processes) {
      try {
        p.waitFor(10, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    try (var files = Files.list(dir)) {
      for (Path f : files.toList()) {
        Files.deleteIfExists(f);
      }
      Files.deleteIfExists(dir);
    } catch (IOException e) {
      // a temp folder left behind is harmless
    }
  }

  /** A free loopback port whose cluster bus port (+10000) is free too. */
  private static int clusterPort(List<Integer> taken) throws IOException {
    for (int attempt = 0; attempt < 200; attempt++) {
      int p = RedisProcess.freePort();
      if (p + 10000 > 65535 || taken.contains(p) || taken.contains(p + 10000)) {
        continue;
      }
      try (ServerSocket s =
          new ServerSocket(p + 10000, 1, java.net.InetAddress.getLoopbackAddress())) {
        return p;
      } catch (IOException busy) {
        // the bus port is taken: try another
      }
    }
    throw new IOException("no free port pair for a cluster node");
  }

  private static boolean answersPing(int port) {
    try (Jedis j = new Jedis("127.0.0.1", port, 500)) {
      return "PONG".equals(j.ping());
    } catch (RuntimeException e) {
      return false;
    }
  }

  private static boolean syncedReplica(int port) {
    try (Jedis j = new Jedis("127.0.0.1", port, 500)) {
      String info = j.info("replication");
      return info.contains("role:slave")
          && info.contains("master_link_status:up")
          && info.contains("master_sync_in_progress:0");
    } catch (RuntimeException e) {
      return false;
    }
  }

  private static boolean clusterOk(int port) {
    try (Jedis j = new Jedis("127.0.0.1", port, 500)) {
      return j.clusterInfo().contains("cluster_state:ok");
    } catch (RuntimeException e) {
      return false;
    }
  }

  private static void waitUntil(java.util.function.BooleanSupplier ok, long millis, String what)
      throws IOException, InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
    while (System.nanoTime() < deadline) {
      if (ok.getAsBoolean()) {
        return;
      }
      Thread.sleep(50);
    }
    throw new IOException("timed out waiting for " + what);
  }
}
