package dev.mlsd.recommendation;

import dev.mlsd.core.demo.DemoLauncher;
import dev.mlsd.core.featurestore.FeatureStore;
import dev.mlsd.core.http.JsonServer;
import dev.mlsd.core.http.LoadGenerator;
import dev.mlsd.core.http.LoadOptions;
import dev.mlsd.core.http.ServerBreakdown;
import dev.mlsd.recommendation.data.Interactions;
import dev.mlsd.recommendation.data.MovieLensLoader;
import dev.mlsd.recommendation.data.TimeSplit;
import dev.mlsd.recommendation.serving.RankingDrift;
import dev.mlsd.recommendation.serving.RecommendationHttpServer;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * The HTTP load test of {@code GET /v1/users/{id}/recommendations?k=10}: trains the system on
 * MovieLens with the quick settings (fewer epochs; the served shapes, and so the cost of a request,
 * are the demo's), serves it on 127.0.0.1 as the demo does (its known users' state materialised
 * into an in-memory store, or Redis with {@code --redis}), and holds a fixed rate of requests for
 * the known users, in turn, with core's {@link LoadGenerator} in a JVM of its own. Prints the
 * admitted p50, p99 and p99.9, the 503s, and where the server's time went ({@link
 * ServerBreakdown}): the pipeline's stages, the wait for a worker, the CPU per thread group. The
 * options are core's {@link LoadOptions}.
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
  @Mixin LoadOptions load;

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
    try (FeatureStore store = load.openStore()) {
      RecommendationHttpServer http =
          new RecommendationHttpServer(sys.service(), sys.split(), store)
              .monitorDrift(RankingDrift.fromTraining(sys.rankingData(), sys.ranker().exported()));
      try (JsonServer server = http.start(0, load.limits())) {
        int failed = 0;
        for (int qps : load.rates()) {
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
        "%nload test: GET %s/v1/users/{id}/recommendations?k=10, %d known users in turn, %s,"
            + " store %s%n",
        server.uri(), users.size(), load.describe(qps), store.kind());
    ServerBreakdown breakdown =
        ServerBreakdown.start(server, "/v1/users/*", sys.service().pipeline(), store);
    LoadGenerator.Report rep =
        LoadGenerator.runInOwnProcess(
            load.settings(server.uri().resolve("/v1/users/"), qps, i -> ""),
            true,
            users::get,
            users.size());
    breakdown.print(out, rep);
    return rep.errors() == 0 ? 0 : 1;
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
}
