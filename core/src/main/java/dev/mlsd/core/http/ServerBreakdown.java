package dev.mlsd.core.http;

import dev.mlsd.core.featurestore.FeatureStore;
import dev.mlsd.core.featurestore.RedisFeatureStore;
import dev.mlsd.core.monitoring.CpuBreakdown;
import dev.mlsd.core.monitoring.LatencyRecorder;
import dev.mlsd.core.serving.ServingPipeline;
import dev.mlsd.core.serving.Stage;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Where a server's time went during one load run, printed beside the load generator's report by
 * every load command: the load average before and after, the feature store's batches and fallbacks
 * during the run, the in-process pipeline's total and per-stage latency, the endpoint's latency as
 * the server saw it (first byte to answer written, 503s included), the wait for a worker, and the
 * CPU per thread group ({@link CpuBreakdown}). With a Redis store it also says when the fallbacks
 * happened (per second of the run: a burst or a steady rate) and why ({@link
 * RedisFeatureStore#fallbackCauses()}), and how many connections the pool had to make.
 *
 * <pre>{@code
 * ServerBreakdown b = ServerBreakdown.start(server, "/v1/ads/rank", pipeline, store);
 * LoadGenerator.Report rep = LoadGenerator.runInOwnProcess(...);
 * b.print(out, rep);
 * }</pre>
 *
 * <p>{@link #start} resets the histograms it reads, so each rate's figures are its own (the
 * pipeline's include the warm-up). Thread safety: one instance per run, used from one thread.
 */
public final class ServerBreakdown {
  private final JsonServer server;
  private final String endpoint;
  private final LatencyRecorder total;
  private final Map<String, LatencyRecorder> stages;
  private final FeatureStore store;
  private final long batchesBefore;
  private final long fallbacksBefore;
  private final String loadBefore;
  private final CpuBreakdown cpu;
  private final Map<RedisFeatureStore.FallbackCause, Long> causesBefore;
  private final long[] fallbacksPerSecond = new long[3600];
  private final Thread sampler;
  private int seconds;

  private ServerBreakdown(
      JsonServer server,
      String endpoint,
      LatencyRecorder total,
      Map<String, LatencyRecorder> stages,
      FeatureStore store) {
    this.server = server;
    this.endpoint = endpoint;
    this.total = total;
    this.stages = stages;
    this.store = store;
    if (total != null) {
      total.reset();
    }
    stages.values().forEach(LatencyRecorder::reset);
    if (server != null) {
      server.queueLatency().reset();
      server.endpointLatency(endpoint).reset();
      server.shedLatency(false).reset();
      server.shedLatency(true).reset();
    }
    this.batchesBefore = store == null ? 0 : store.counters().batches();
    this.fallbacksBefore = store == null ? 0 : store.counters().fallbackBatches();
    this.loadBefore = loadAverage();
    this.causesBefore = store instanceof RedisFeatureStore r ? r.fallbackCauses() : Map.of();
    this.sampler = store == null ? null : Thread.ofPlatform().daemon().start(this::sample);
    this.cpu = CpuBreakdown.start();
  }

  /** Counts the feature store's fallbacks in each second of the run (when they happened). */
  private void sample() {
    long last = store.counters().fallbackBatches();
    long next = System.nanoTime();
    while (seconds < fallbacksPerSecond.length) {
      next += 1_000_000_000L;
      try {
        Thread.sleep(Math.max(0, (next - System.nanoTime()) / 1_000_000));
      } catch (InterruptedException e) {
        return;
      }
      long now = store.counters().fallbackBatches();
      synchronized (fallbacksPerSecond) {
        fallbacksPerSecond[seconds++] = now - last;
      }
      last = now;
    }
  }

  /**
   * Starts a run's breakdown of a server built on a {@link ServingPipeline}.
   *
   * @param server the server under load
   * @param endpoint the endpoint's latency key in {@link JsonServer#endpointLatency}
   * @param pipeline its pipeline (total and per-stage latency)
   * @param store its feature store, or null if it has none
   */
  public static ServerBreakdown start(
      JsonServer server, String endpoint, ServingPipeline<?> pipeline, FeatureStore store) {
    Map<String, LatencyRecorder> stages = new LinkedHashMap<>();
    for (Stage stage : Stage.values()) {
      stages.put(stage.toString(), pipeline.stageLatency(stage));
    }
    return new ServerBreakdown(server, endpoint, pipeline.totalLatency(), stages, store);
  }

  /**
   * Starts a run's breakdown of a server whose stages are timed otherwise.
   *
   * @param server the server under load, or null where its module does not hand it out (then the
   *     endpoint's latency and the wait for a worker are not printed)
   * @param endpoint the endpoint's latency key in {@link JsonServer#endpointLatency}
   * @param total the whole in-process request, or null
   * @param stages the stages' latencies by name, in order (may be empty)
   * @param store its feature store, or null if it has none
   */
  public static ServerBreakdown start(
      JsonServer server,
      String endpoint,
      LatencyRecorder total,
      Map<String, LatencyRecorder> stages,
      FeatureStore store) {
    return new ServerBreakdown(server, endpoint, total, new LinkedHashMap<>(stages), store);
  }

  /** Prints the load generator's report, then where the server's time went since {@link #start}. */
  public void print(PrintStream out, LoadGenerator.Report report) {
    out.println(report.toText());
    out.println("loadavg before: " + loadBefore + "; after: " + loadAverage());
    if (store != null) {
      out.printf(
          Locale.ROOT,
          "feature store (%s): %d batches, %d fallbacks%n",
          store.kind(),
          store.counters().batches() - batchesBefore,
          store.counters().fallbackBatches() - fallbacksBefore);
      sampler.interrupt();
      printFallbacksOverTime(out);
      if (store instanceof RedisFeatureStore r) {
        StringBuilder b = new StringBuilder("  fallbacks by cause:");
        r.fallbackCauses()
            .forEach(
                (c, n) ->
                    b.append(' ')
                        .append(c)
                        .append(' ')
                        .append(n - causesBefore.get(c))
                        .append(';'));
        out.println(b);
        if (!r.poolStats().isEmpty()) {
          out.println("  Redis pool (since the store opened): " + r.poolStats());
        }
      }
    }
    if (total != null) {
      out.printf(
          Locale.ROOT,
          "pipeline (in-process, warm-up included): p50 %.0f us, p99 %.0f us, p99.9 %.0f us%n",
          total.percentileMicros(50),
          total.percentileMicros(99),
          total.percentileMicros(99.9));
    }
    for (Map.Entry<String, LatencyRecorder> e : stages.entrySet()) {
      if (e.getValue().count() > 0) {
        out.printf(
            Locale.ROOT,
            "  stage %-20s p50 %.1f us, p99 %.1f us%n",
            e.getKey(),
            e.getValue().percentileMicros(50),
            e.getValue().percentileMicros(99));
      }
    }
    if (server == null) {
      out.print(cpu.toText());
      return;
    }
    LatencyRecorder served = server.endpointLatency(endpoint);
    out.printf(
        Locale.ROOT,
        "server side, first byte to answer written (200s and 503s) p50 %.1f us, p99 %.1f us%n",
        served.percentileMicros(50),
        served.percentileMicros(99));
    out.printf(
        Locale.ROOT,
        "waiting for a worker (server side) p50 %.1f us, p99 %.1f us%n",
        server.queueLatency().percentileMicros(50),
        server.queueLatency().percentileMicros(99));
    LatencyRecorder onArrival = server.shedLatency(false);
    LatencyRecorder atWorker = server.shedLatency(true);
    if (onArrival.count() + atWorker.count() > 0) {
      out.printf(
          Locale.ROOT,
          "503s server side, first byte to refusal written: %d on arrival p50 %.1f us, p99 %.1f"
              + " us; %d at a worker p50 %.1f us, p99 %.1f us (the client's 503 p99 is above)%n",
          onArrival.count(),
          onArrival.percentileMicros(50),
          onArrival.percentileMicros(99),
          atWorker.count(),
          atWorker.percentileMicros(50),
          atWorker.percentileMicros(99));
    }
    out.print(cpu.toText());
  }

  /** Seconds with fallbacks, and the worst five with their second from the start. */
  private void printFallbacksOverTime(PrintStream out) {
    long[] perSecond;
    synchronized (fallbacksPerSecond) {
      perSecond = java.util.Arrays.copyOf(fallbacksPerSecond, seconds);
    }
    int withAny = 0;
    for (long n : perSecond) {
      withAny += n > 0 ? 1 : 0;
    }
    StringBuilder b =
        new StringBuilder(
            String.format(
                Locale.ROOT,
                "  fallbacks over time (warm-up included): %d of %d seconds had any; the worst:",
                withAny,
                perSecond.length));
    Integer[] order = new Integer[perSecond.length];
    for (int i = 0; i < order.length; i++) {
      order[i] = i;
    }
    java.util.Arrays.sort(order, (x, y) -> Long.compare(perSecond[y], perSecond[x]));
    for (int i = 0; i < Math.min(5, order.length) && perSecond[order[i]] > 0; i++) {
      b.append(String.format(Locale.ROOT, " %d at %d s;", perSecond[order[i]], order[i] + 1));
    }
    out.println(b);
  }

  /** {@code /proc/loadavg}, one line, or "unknown" where there is none. */
  public static String loadAverage() {
    try {
      return Files.readString(Path.of("/proc/loadavg")).strip();
    } catch (IOException e) {
      return "unknown";
    }
  }
}
