package dev.mlsd.adctr;

import dev.mlsd.adctr.AdCtrSystem.Data;
import dev.mlsd.adctr.AdCtrSystem.Serving;
import dev.mlsd.adctr.serving.AdServer;
import dev.mlsd.core.demo.DemoLauncher;
import dev.mlsd.core.featurestore.FeatureStore;
import dev.mlsd.core.http.LoadGenerator;
import dev.mlsd.core.http.LoadOptions;
import dev.mlsd.core.http.ServerBreakdown;
import java.io.PrintStream;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * The HTTP load test of {@code POST /v1/ads/rank}: builds the serving side of the demo without
 * training (the Criteo catalogue and feature store, a DCN with the demo's shapes and seeded random
 * weights, which cost the same to score), starts {@link AdServer} on 127.0.0.1 with the given
 * workers, queue and longest queue wait, budgets that never run out (so every request ranks its
 * full candidate list), and holds a fixed request rate with core's {@link LoadGenerator} running in
 * a JVM of its own, bodies from real Criteo test impressions. Prints the admitted p50, p99 and
 * p99.9 at the stated rate, the 503s, and where the server's time went ({@link ServerBreakdown}):
 * the pipeline's stages, the wait for a worker and the CPU per thread group. The options are core's
 * {@link LoadOptions}.
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
  @Mixin LoadOptions load;

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
    try (FeatureStore store = load.openStore()) {
      Serving serving = Serving.untrained(data, store);
      // a load test measures full requests: budgets that ran out would filter every ad of their
      // advertiser and leave later requests empty and cheap, so no budget runs out here
      for (int adv = 0; adv < serving.catalogue().advertisers(); adv++) {
        serving.ads().budget().setRemainingMicros(adv, Long.MAX_VALUE / 4);
      }
      try (AdServer server = serving.http(0, load.limits())) {
        int failed = 0;
        for (int qps : load.rates()) {
          failed += run(serving, server, store, qps);
        }
        return failed == 0 ? 0 : 1;
      }
    }
  }

  /** One rate: the load, then where the server's time went at that rate; 1 if a request failed. */
  private int run(Serving serving, AdServer server, FeatureStore store, int qps) throws Exception {
    out.printf(
        "%nload test: POST %s/v1/ads/rank, %s, store %s%n",
        server.uri(), load.describe(qps), store.kind());
    ServerBreakdown breakdown =
        ServerBreakdown.start(server.server(), "/v1/ads/rank", serving.ads().pipeline(), store);
    LoadGenerator.Report rep =
        serving.loadTest(server, qps, load.warmup(), load.measured(), load.clients());
    breakdown.print(out, rep);
    return rep.errors() == 0 ? 0 : 1;
  }
}
