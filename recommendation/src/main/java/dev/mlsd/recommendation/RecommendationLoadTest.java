package dev.mlsd.recommendation;

import dev.mlsd.core.demo.DemoLauncher;
import dev.mlsd.core.featurestore.FeatureStore;
import dev.mlsd.core.featurestore.InMemoryFeatureStore;
import dev.mlsd.core.featurestore.RedisFeatureStore;
import dev.mlsd.core.http.JsonServer;
import dev.mlsd.core.http.LoadGenerator;
import dev.mlsd.core.monitoring.CpuBreakdown;
import dev.mlsd.core.serving.ServingPipeline;
import dev.mlsd.core.serving.Stage;
import dev.mlsd.recommendation.data.Interactions;
import dev.mlsd.recommendation.data.MovieLensLoader;
import dev.mlsd.recommendation.data.TimeSplit;
import dev.mlsd.recommendation.serving.RankingDrift;
import dev.mlsd.recommendation.serving.RecommendationHttpServer;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The HTTP load test of {@code GET /v1/users/{id}/recommendations?k=10}: trains the system on
 * MovieLens with the quick settings (fewer epochs; the served shapes, and so the cost of a request,
 * are the demo's), serves it on 127.0.0.1 as the demo does (its known users' state materialised
 * into an in-memory store, or Redis with {@code --redis}), and holds a fixed rate of requests for
 * the known users, in turn, with core's {@link LoadGenerator} in a JVM of its own. Prints the
 * admitted p50, p99 and p99.9, the 503s, and where the server's time went: the pipeline's stages,
 * the wait for a worker, the CPU per thread group.
 *
 * <pre>
 *   flock /tmp/mlsd-bench.lock mvn -pl recommendation exec:java \
 *       -Dexec.mainClass=dev.mlsd.recommendation.RecommendationLoadTest \
 *       -Dexec.args="--qps 200 --seconds 60"
 * </pre>
 */
@Command(
    name = "recommendation-load-test",
    mixinStandardHelpOptions = true,
    description = "Load-test GET /v1/users/{id}/recommendations at a fixed rate.")
public final class RecommendationLoadTest implements Callable<Integer> {
  @Option(
      names = "--qps",
      split = ",",
      defaultValue = "200",
      description = "requests per second; a list (200,400) runs each in turn (default 200)")
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
      names = "--redis",
      description = "Redis URL for the user-state store, redis://host:port (default: in memory)")
  String redis;

  @Option(
      names = "--budget-ms",
      defaultValue = "10",
      description = "Redis feature-read budget in ms (default 10)")
  int budgetMillis;

  private final PrintStream out;

  RecommendationLoadTest(PrintStream out) {
    this.out = out;
  }

  /** Entry point; exits 1 if any request failed. */
  public static void main(String[] args) {
    DemoLauncher.run(new RecommendationLoadTest(System.out), args);
  }

  @Override
  public Integer call() throws Exception {
    out.println("training with the quick settings (the served shapes are the demo's)");
    RecommendationSystem sys =
        RecommendationSystem.train(
            MovieLensLoader.load(), RecommendationSystem.Params.defaults().quick(), line -> {});
    List<String> users = knownUsers(sys.split());
    try (FeatureStore store = store()) {
      RecommendationHttpServer http =
          new RecommendationHttpServer(sys.service(), sys.split(), store)
              .monitorDrift(RankingDrift.fromTraining(sys.rankingData(), sys.ranker().exported()));
      try (JsonServer server = http.start(0)) {
        int failed = 0;
        for (int qps : rates) {
          failed += run(sys, server, store, users, qps);
        }
        return failed == 0 ? 0 : 1;
      }
    }
  }

  /** One rate: the load, then where the server's time went at that rate; 1 if a request failed. */
  private int run(
      RecommendationSystem sys, JsonServer server, FeatureStore store, List<String> users, int qps)
      throws Exception {
    out.printf(
        "%nload test: GET %s/v1/users/{id}/recommendations?k=10, %d known users in turn,"
            + " %d requests/s, %d s after %d s warm-up, %d clients, store %s%n",
        server.uri(), users.size(), qps, seconds, warmup, clients, store.kind());
    ServingPipeline<?> pipeline = sys.service().pipeline();
    pipeline.totalLatency().reset();
    for (Stage stage : Stage.values()) {
      pipeline.stageLatency(stage).reset();
    }
    server.queueLatency().reset();
    server.endpointLatency("/v1/users/*").reset();
    long batches = store.counters().batches();
    long fallbacks = store.counters().fallbackBatches();
    out.println("loadavg before: " + loadAverage());
    CpuBreakdown cpu = CpuBreakdown.start();
    LoadGenerator.Report rep =
        LoadGenerator.runInOwnProcess(
            new LoadGenerator.Settings(
                server.uri().resolve("/v1/users/"),
                qps,
                Duration.ofSeconds(warmup),
                Duration.ofSeconds(seconds),
                clients,
                i -> ""),
            true,
            users::get,
            users.size());
    out.println(rep.toText());
    out.println("loadavg after: " + loadAverage());
    out.printf(
        "feature store: %d batches, %d fallbacks%n",
        store.counters().batches() - batches, store.counters().fallbackBatches() - fallbacks);
    out.printf(
        "pipeline (in-process, warm-up included): p50 %.0f us, p99 %.0f us%n",
        pipeline.totalLatency().percentileMicros(50), pipeline.totalLatency().percentileMicros(99));
    for (Stage stage : Stage.values()) {
      out.printf(
          "  stage %-20s p50 %.1f us, p99 %.1f us%n",
          stage,
          pipeline.stageLatency(stage).percentileMicros(50),
          pipeline.stageLatency(stage).percentileMicros(99));
    }
    out.printf(
        "server side, first byte to answer written (200s and 503s) p50 %.1f us, p99 %.1f us%n",
        server.endpointLatency("/v1/users/*").percentileMicros(50),
        server.endpointLatency("/v1/users/*").percentileMicros(99));
    out.printf(
        "waiting for a worker (server side) p50 %.1f us, p99 %.1f us%n",
        server.queueLatency().percentileMicros(50), server.queueLatency().percentileMicros(99));
    out.print(cpu.toText());
    return rep.errors() == 0 ? 0 : 1;
  }

  private static String loadAverage() throws java.io.IOException {
    return Files.readString(Path.of("/proc/loadavg")).strip();
  }

  /** {@code "{id}/recommendations?k=10"} for every known (warm) user. */
  private static List<String> knownUsers(TimeSplit split) {
    Interactions log = split.interactions();
    List<String> users = new ArrayList<>();
    for (int u = 0; u < log.userCount(); u++) {
      if (!split.isCold(u)) {
        users.add(log.userId(u) + "/recommendations?k=10");
      }
    }
    return users;
  }

  private FeatureStore store() {
    return redis == null
        ? new InMemoryFeatureStore()
        : new RedisFeatureStore(
            redis,
            RedisFeatureStore.Settings.defaults().withBudget(Duration.ofMillis(budgetMillis)));
  }
}
