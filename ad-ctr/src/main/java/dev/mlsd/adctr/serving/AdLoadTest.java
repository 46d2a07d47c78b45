package dev.mlsd.adctr.serving;

import dev.mlsd.adctr.data.AdDatasets;
import dev.mlsd.adctr.data.ImpressionLog;
import dev.mlsd.adctr.data.TimeSplit;
import dev.mlsd.adctr.features.FeaturePipeline;
import dev.mlsd.adctr.features.HistoricalCtr;
import dev.mlsd.adctr.model.InferenceExport;
import dev.mlsd.adctr.model.NeuralParams;
import dev.mlsd.adctr.model.PlattCalibrator;
import dev.mlsd.core.featurestore.FeatureStore;
import dev.mlsd.core.featurestore.InMemoryFeatureStore;
import dev.mlsd.core.featurestore.RedisFeatureStore;
import dev.mlsd.core.http.LoadGenerator;
import dev.mlsd.core.io.ModelCard;
import dev.mlsd.core.serving.ModelHolder;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
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
 *       -Dexec.mainClass=dev.mlsd.adctr.serving.AdLoadTest -Dexec.args="--qps 200 --seconds 20"
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
    System.exit(new CommandLine(new AdLoadTest(System.out)).execute(args));
  }

  @Override
  public Integer call() throws Exception {
    ImpressionLog log = AdDatasets.load("criteo-sample");
    TimeSplit.Parts parts = TimeSplit.DEFAULT.split(log.rows());
    int history = parts.train().size() + parts.validation().size();
    FeaturePipeline p = new FeaturePipeline(log.schema(), FeaturePipeline.Params.DEFAULT);
    AdCatalogue catalogue = new AdCatalogue(p, log.rows().subList(0, history), 5000, 42);
    try (FeatureStore store =
        featureStore == null
            ? new InMemoryFeatureStore()
            : new RedisFeatureStore(
                featureStore,
                RedisFeatureStore.Settings.defaults().withBudget(Duration.ofMillis(10)))) {
      AdFeatures.materialise(
          store,
          catalogue,
          new HistoricalCtr(log.schema(), 2000, 20),
          log.rows().subList(0, history));
      ServedModel model =
          new ServedModel(
              InferenceExport.randomDcn(p.fieldCount(), p.featureCount(), NeuralParams.DEFAULT, 42),
              PlattCalibrator.IDENTITY);
      ModelCard card =
          new ModelCard(
              "DCN (random weights)",
              "load-test",
              "criteo-sample",
              log.sha256(),
              TimeSplit.DEFAULT.describe(),
              42,
              Map.of(),
              Map.of(),
              0,
              ModelCard.currentCodeVersion());
      ModelHolder<ServedModel> holder = new ModelHolder<>(model, card);
      AdPipeline ads = new AdPipeline(p, catalogue, store, holder, 500, 2);
      List<String> bodies = new ArrayList<>();
      for (var r : parts.test()) {
        bodies.add(AdServer.exampleBody(catalogue, r, 10));
      }
      try (AdServer server = AdServer.start(ads, catalogue, store, holder, null, 0)) {
        out.printf(
            "load test: POST %s/v1/ads/rank, %d requests/s, %d s after %d s warm-up, %d clients,"
                + " store %s%n",
            server.uri(), qps, seconds, warmup, clients, store.kind());
        LoadGenerator.Report rep =
            LoadGenerator.run(
                new LoadGenerator.Settings(
                    server.uri().resolve("/v1/ads/rank"),
                    qps,
                    Duration.ofSeconds(warmup),
                    Duration.ofSeconds(seconds),
                    clients,
                    i -> bodies.get(i % bodies.size())));
        out.println(rep.toText());
        out.printf(
            "pipeline (in-process, all requests incl. warm-up): p50 %.0f us, p99 %.0f us, p99.9 %.0f"
                + " us%n",
            ads.pipeline().totalLatency().percentileMicros(50),
            ads.pipeline().totalLatency().percentileMicros(99),
            ads.pipeline().totalLatency().percentileMicros(99.9));
        return rep.errors() == 0 ? 0 : 1;
      }
    }
  }
}
