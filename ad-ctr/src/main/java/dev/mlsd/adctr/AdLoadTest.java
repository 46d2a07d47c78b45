package dev.mlsd.adctr;

import dev.mlsd.adctr.AdCtrSystem.Data;
import dev.mlsd.adctr.AdCtrSystem.Serving;
import dev.mlsd.adctr.serving.AdServer;
import dev.mlsd.core.demo.DemoLauncher;
import dev.mlsd.core.featurestore.FeatureStore;
import dev.mlsd.core.featurestore.InMemoryFeatureStore;
import dev.mlsd.core.featurestore.RedisFeatureStore;
import dev.mlsd.core.http.LoadGenerator;
import java.io.PrintStream;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The HTTP load test of {@code POST /v1/ads/rank}: builds the serving side of the demo without
 * training (the Criteo catalogue and feature store, a DCN with the demo's shapes and seeded random
 * weights, which cost the same to score), starts {@link AdServer} on 127.0.0.1 and holds a fixed
 * request rate with core's {@link LoadGenerator}, bodies from real Criteo test impressions. Prints
 * p50, p99 and p99.9 at the stated rate, and the in-process pipeline's percentiles beside them.
 *
 * <pre>
 *   flock /tmp/mlsd-bench.lock mvn -pl ad-ctr exec:java \
 *       -Dexec.mainClass=dev.mlsd.adctr.AdLoadTest -Dexec.args="--qps 200 --seconds 20"
 * </pre>
 */
@Command(
    name = "ad-load-test",
    mixinStandardHelpOptions = true,
    description = "Load-test POST /v1/ads/rank at a fixed rate.")
public final class AdLoadTest implements Callable<Integer> {
  @Option(names = "--qps", defaultValue = "200", description = "requests per second (default 200)")
  int qps;

  @Option(names = "--seconds", defaultValue = "20", description = "measured seconds (default 20)")
  int seconds;

  @Option(names = "--warmup", defaultValue = "5", description = "warm-up seconds (default 5)")
  int warmup;

  @Option(names = "--clients", defaultValue = "16", description = "connections (default 16)")
  int clients;

  @Option(names = "--feature-store", description = "redis://host:port (default: in memory)")
  String featureStore;

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
      try (AdServer server = serving.http(0)) {
        out.printf(
            "load test: POST %s/v1/ads/rank, %d requests/s, %d s after %d s warm-up, %d clients,"
                + " store %s%n",
            server.uri(), qps, seconds, warmup, clients, store.kind());
        LoadGenerator.Report rep =
            serving.loadTest(
                server, qps, Duration.ofSeconds(warmup), Duration.ofSeconds(seconds), clients);
        out.println(rep.toText());
        var total = serving.ads().pipeline().totalLatency();
        out.printf(
            "pipeline (in-process, all requests incl. warm-up): p50 %.0f us, p99 %.0f us, p99.9 %.0f"
                + " us%n",
            total.percentileMicros(50), total.percentileMicros(99), total.percentileMicros(99.9));
        return rep.errors() == 0 ? 0 : 1;
      }
    }
  }

  private FeatureStore store() {
    return featureStore == null
        ? new InMemoryFeatureStore()
        : new RedisFeatureStore(
            featureStore, RedisFeatureStore.Settings.defaults().withBudget(Duration.ofMillis(10)));
  }
}
