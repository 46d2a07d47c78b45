package dev.mlsd.benchmarks.adctr;

import dev.mlsd.adctr.AdCtrParams;
import dev.mlsd.adctr.AdCtrSystem.Data;
import dev.mlsd.adctr.AdCtrSystem.Serving;
import dev.mlsd.adctr.serving.AdPipeline;
import dev.mlsd.adctr.serving.AdRequest;
import dev.mlsd.core.featurestore.FeatureStore;
import dev.mlsd.core.featurestore.InMemoryFeatureStore;
import dev.mlsd.core.featurestore.RedisFeatureStore;
import dev.mlsd.core.serving.Candidates;
import java.time.Duration;
import java.util.List;
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
    Data data = Data.load(AdCtrParams.defaults(AdCtrParams.DEFAULT_DATASET, 42));
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
    Serving serving = Serving.untrained(data, featureStore);
    ads = serving.ads();
    // only requests that fill every candidate slot, so every measured request ranks 500
    int cap = data.params().maxCandidates();
    requests =
        serving.sampleRequests().stream()
            .filter(r -> ads.generator().matchCount(r.targetingValue()) >= cap)
            .toList();
    if (requests.isEmpty()) {
      throw new IllegalStateException("no request matches " + cap + " ads");
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
