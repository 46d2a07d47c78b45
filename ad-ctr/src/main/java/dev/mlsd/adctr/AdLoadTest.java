package dev.mlsd.adctr;

import dev.mlsd.adctr.AdCtrSystem.Data;
import dev.mlsd.adctr.AdCtrSystem.Serving;
import dev.mlsd.adctr.serving.AdServer;
import dev.mlsd.core.demo.DemoLauncher;
import dev.mlsd.core.featurestore.FeatureStore;
import dev.mlsd.core.featurestore.InMemoryFeatureStore;
import dev.mlsd.core.featurestore.RedisFeatureStore;
import dev.mlsd.core.http.JsonServer;
import dev.mlsd.core.http.LoadGenerator;
import dev.mlsd.core.monitoring.CpuBreakdown;
import dev.mlsd.core.serving.Stage;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The HTTP load test of {@code POST /v1/ads/rank}: builds the serving side of the demo without
 * training (the Criteo catalogue and feature store, a DCN with the demo's shapes and seeded random
 * weights, which cost the same to score), starts {@link AdServer} on 127.0.0.1 with the given
 * workers, queue and longest queue wait, budgets that never run out (so every request ranks its
 * full candidate list), and holds a fixed request rate with core's {@link LoadGenerator} running in
 * a JVM of its own, bodies from real Criteo test impressions. Prints the admitted p50, p99 and
 * p99.9 at the stated rate, the 503s, and where the server's time went: the pipeline's stages, the
 * wait for a worker and the CPU per thread group.
 *
 * <pre>
 *   flock /tmp/mlsd-bench.lock mvn -pl ad-ctr exec:java \
 *       -Dexec.mainClass=dev.mlsd.adctr.AdLoadTest -Dexec.args="--qps 200 --seconds 60"
 * </pre>
 */
@Command(
    name = "ad-load-test",
    mixinStandardHelpOptions = true,
    description = "Load-test POST /v1/ads/rank at a fixed rate.")
public final class AdLoadTest implements Callable<Integer> {
  @Option(
      names = "--qps",
      split = ",",
      defaultValue = "200",
      description = "requests per second; a list (500,1000) runs each in turn (default 200)")
  int[] rates;

  @Option(names = "--seconds", defaultValue = "20", description = "measured seconds (default 20)")
  int seconds;

  @Option(names = "--warmup", defaultValue = "5", description = "warm-up seconds (default 5)")
  int warmup;

  @Option(
      names = "--clients",
      defaultValue = "32",
      description = "load generator connections (default 32)")
  int clients;

  @Option(
      names = "--threads",
      defaultValue = "2",
      description = "HTTP worker threads (default 2, one per core here)")
  int threads;

  @Option(
      names = "--queue",
      defaultValue = "16",
      description = "requests that may wait for a worker; more get 503 (default 16)")
  int queue;

  @Option(
      names = "--max-queue-ms",
      defaultValue = "5",
      description = "longest wait for a worker, else 503 (default 5)")
  int maxQueueMillis;

  @Option(
      names = {"--redis", "--feature-store"},
      description = "Redis URL for the feature store, redis://host:port (default: in memory)")
  String redis;

  @Option(
      names = "--budget-ms",
      defaultValue = "10",
      description = "Redis feature-read budget in ms (default 10)")
  int budgetMillis;

  private final PrintStream out;

  AdLoadTest(PrintStream out) {
    this.out = out;
  }

  /** Entry point; exits 1 if any request failed. */
  public static void main(String[] args) {
    DemoLauncher.run(new AdLoadTest(System.out), args);
  }

  @Override
  public Integer call() throws Exception {
    Data data = Data.load(AdCtrParams.defaults(AdCtrParams.DEFAULT_DATASET, 42));
    try (FeatureStore store = store()) {
      Serving serving = Serving.untrained(data, store);
      // a load test measures full requests: budgets that ran out would filter every ad of their
      // advertiser and leave later requests empty and cheap, so no budget runs out here
      for (int adv = 0; adv < serving.catalogue().advertisers(); adv++) {
        serving.ads().budget().setRemainingMicros(adv, Long.MAX_VALUE / 4);
      }
      JsonServer.Limits limits =
          new JsonServer.Limits(threads, queue, Duration.ofMillis(maxQueueMillis));
      try (AdServer server = serving.http(0, limits)) {
        int failed = 0;
        for (int qps : rates) {
          failed += run(serving, server, store, qps);
        }
        return failed == 0 ? 0 : 1;
      }
    }
  }

  /** One rate: the load, then where the server's time went at that rate; 1 if a request failed. */
  private int run(Serving serving, AdServer server, FeatureStore store, int qps) throws Exception {
    out.printf(
        "%nload test: POST %s/v1/ads/rank, %d requests/s, %d s after %d s warm-up, %d clients,"
            + " %d workers, queue %d, max queue wait %d ms, store %s%n",
        server.uri(), qps, seconds, warmup, clients, threads, queue, maxQueueMillis, store.kind());
    var pipeline = serving.ads().pipeline();
    JsonServer http = server.server();
    pipeline.totalLatency().reset();
    for (Stage stage : Stage.values()) {
      pipeline.stageLatency(stage).reset();
    }
    http.queueLatency().reset();
    http.endpointLatency("/v1/ads/rank").reset();
    long batches = store.counters().batches();
    long fallbacks = store.counters().fallbackBatches();
    out.println("loadavg before: " + loadAverage());
    CpuBreakdown cpu = CpuBreakdown.start();
    LoadGenerator.Report rep =
        serving.loadTest(
            server, qps, Duration.ofSeconds(warmup), Duration.ofSeconds(seconds), clients);
    out.println(rep.toText());
    out.println("loadavg after: " + loadAverage());
    out.printf(
        "feature store: %d batches, %d fallbacks%n",
        store.counters().batches() - batches, store.counters().fallbackBatches() - fallbacks);
    out.printf(
        "pipeline (in-process, warm-up included): p50 %.0f us, p99 %.0f us, p99.9 %.0f us%n",
        pipeline.totalLatency().percentileMicros(50),
        pipeline.totalLatency().percentileMicros(99),
        pipeline.totalLatency().percentileMicros(99.9));
    for (Stage stage : Stage.values()) {
      out.printf(
          "  stage %-20s p50 %.1f us, p99 %.1f us%n",
          stage,
          pipeline.stageLatency(stage).percentileMicros(50),
          pipeline.stageLatency(stage).percentileMicros(99));
    }
    out.printf(
        "server side, first byte to answer written (200s and 503s) p50 %.1f us, p99 %.1f us%n",
        http.endpointLatency("/v1/ads/rank").percentileMicros(50),
        http.endpointLatency("/v1/ads/rank").percentileMicros(99));
    out.printf(
        "waiting for a worker (server side) p50 %.1f us, p99 %.1f us%n",
        http.queueLatency().percentileMicros(50), http.queueLatency().percentileMicros(99));
    out.print(cpu.toText());
    return rep.errors() == 0 ? 0 : 1;
  }

  private static String loadAverage() throws java.io.IOException {
    return Files.readString(Path.of("/proc/loadavg")).strip();
  }

  private FeatureStore store() {
    return redis == null
        ? new InMemoryFeatureStore()
        : new RedisFeatureStore(
            redis,
            RedisFeatureStore.Settings.defaults().withBudget(Duration.ofMillis(budgetMillis)));
  }
}
