package dev.mlsd.benchmarks.adctr;

import dev.mlsd.adctr.data.AdDatasets;
import dev.mlsd.adctr.data.ImpressionLog;
import dev.mlsd.adctr.data.TimeSplit;
import dev.mlsd.adctr.features.FeaturePipeline;
import dev.mlsd.adctr.features.HistoricalCtr;
import dev.mlsd.adctr.model.InferenceExport;
import dev.mlsd.adctr.model.NeuralParams;
import dev.mlsd.adctr.model.PlattCalibrator;
import dev.mlsd.adctr.serving.AdCatalogue;
import dev.mlsd.adctr.serving.AdFeatures;
import dev.mlsd.adctr.serving.AdPipeline;
import dev.mlsd.adctr.serving.AdRequest;
import dev.mlsd.adctr.serving.SampleRequests;
import dev.mlsd.adctr.serving.ServedModel;
import dev.mlsd.core.featurestore.FeatureStore;
import dev.mlsd.core.featurestore.InMemoryFeatureStore;
import dev.mlsd.core.featurestore.RedisFeatureStore;
import dev.mlsd.core.io.ModelCard;
import dev.mlsd.core.serving.Candidates;
import dev.mlsd.core.serving.ModelHolder;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One full in-process ad request of chapter 8 with 500 candidates: targeting candidate generation,
 * the budget filter, the feature-store read of the candidates' batch CTRs (in memory or Redis),
 * feature-id assembly and DCN scoring through core inference, calibration, sort, advertiser
 * diversity re-ranking, cut to k = 10. Requests are real Criteo test-period impressions (request
 * side); the catalogue is the training period's 5,000 most shown ads.
 *
 * <p>The DCN has the demo's shapes (43 fields, k = 8, two cross layers, 64-32 deep part) with
 * seeded random weights: latency depends on the shapes, not on the weight values, and training one
 * in the benchmark's setup would take a minute.
 *
 * <p>Redis: {@code -p store=redis} with {@code MLSD_REDIS_URL} set (e.g. {@code
 * redis://127.0.0.1:6379}).
 */
@State(Scope.Thread)
@BenchmarkMode({Mode.SampleTime})
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 3)
@Fork(
    value = 1,
    jvmArgs = {"--add-modules=jdk.incubator.vector", "-Xmx2g"})
public class AdRequestBenchmark {
  @Param({"memory"})
  public String store;

  private FeatureStore featureStore;
  private AdPipeline ads;
  private List<AdRequest> requests;
  private int next;

  @Setup(Level.Trial)
  public void setUp() throws Exception {
    ImpressionLog log = AdDatasets.load("criteo-sample");
    TimeSplit.Parts parts = TimeSplit.DEFAULT.split(log.rows());
    int history = parts.train().size() + parts.validation().size();
    FeaturePipeline p = new FeaturePipeline(log.schema(), FeaturePipeline.Params.DEFAULT);
    HistoricalCtr ctr = new HistoricalCtr(log.schema(), 2000, 20);
    AdCatalogue catalogue = new AdCatalogue(p, log.rows().subList(0, history), 5000, 42);
    if (store.equals("redis")) {
      String url = System.getenv("MLSD_REDIS_URL");
      if (url == null) {
        throw new IllegalStateException("set MLSD_REDIS_URL for -p store=redis");
      }
      featureStore =
          new RedisFeatureStore(
              url,
              RedisFeatureStore.Settings.defaults()
                  .withBudget(Duration.ofMillis(10))
                  .withKeyPrefix("mlsd:bench:adctr:"));
    } else {
      featureStore = new InMemoryFeatureStore();
    }
    AdFeatures.materialise(featureStore, catalogue, ctr, log.rows().subList(0, history));
    ServedModel model =
        new ServedModel(
            InferenceExport.randomDcn(p.fieldCount(), p.featureCount(), NeuralParams.DEFAULT, 42),
            PlattCalibrator.IDENTITY);
    ModelCard card =
        new ModelCard(
            "DCN (random weights)",
            "bench",
            "criteo-sample",
            "",
            "",
            42,
            Map.of(),
            Map.of(),
            0,
            "bench");
    ads = new AdPipeline(p, catalogue, featureStore, new ModelHolder<>(model, card), 500, 2);
    requests = SampleRequests.from(catalogue, parts.test(), 10);
    // only requests that fill all 500 candidate slots, so every measured request ranks 500
    requests =
        requests.stream()
            .filter(r -> ads.generator().matchCount(r.targetingValue()) >= 500)
            .toList();
    if (requests.isEmpty()) {
      throw new IllegalStateException("no request matches 500 ads");
    }
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    if (store.equals("redis")) {
      // leave the shared server as we found it
      featureStore.close();
    }
  }

  @Benchmark
  public float request() {
    AdRequest r = requests.get(next);
    next = next + 1 == requests.size() ? 0 : next + 1;
    Candidates top = ads.pipeline().run(r, r.k());
    if (top.size() != r.k() || Float.isNaN(top.score(0))) {
      throw new IllegalStateException("wrong result: " + top.size() + " ads");
    }
    return top.score(0);
  }
}
