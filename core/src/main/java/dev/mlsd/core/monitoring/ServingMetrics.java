package dev.mlsd.core.monitoring;

import dev.mlsd.core.featurestore.FeatureStoreCounters;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;

/**
 * Everything a served module exposes on {@code GET /metrics}, in the Prometheus text format through
 * Micrometer: requests by endpoint and status, server errors, feature-store reads, misses and
 * fallbacks, the served model's version, latency percentiles from {@link LatencyRecorder}s, and
 * drift ({@link DriftMonitor}) and calibration ({@link CalibrationMonitor}) figures.
 *
 * <p>Metric names (Prometheus form): {@code mlsd_http_requests_total{endpoint,status,outcome}},
 * {@code mlsd_feature_store_*_total{store,kind}}, {@code mlsd_model_info{model,version}} (value 1),
 * {@code mlsd_model_swaps_total}, {@code mlsd_latency_microseconds{name,quantile}}, {@code
 * mlsd_drift_psi{feature}}, {@code mlsd_drift_kl{feature}}, {@code mlsd_calibration_*}.
 *
 * <p>Thread safety: every method from any thread.
 *
 * <p>Book: chapter 1, "Monitoring".
 */
public final class ServingMetrics {
  private final PrometheusMeterRegistry registry =
      new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final ConcurrentHashMap<String, Counter> requestCounters = new ConcurrentHashMap<>();
  private final List<Runnable> beforeScrape = new CopyOnWriteArrayList<>();

  /** The Micrometer registry, for modules that add their own meters. */
  public MeterRegistry registry() {
    return registry;
  }

  /** The Prometheus text exposition of every meter. */
  public String scrape() {
    for (Runnable r : beforeScrape) {
      r.run();
    }
    return registry.scrape();
  }

  /**
   * Counts one answered request.
   *
   * @param endpoint the path, e.g. {@code "/rank"}
   * @param status the HTTP status sent
   */
  public void countRequest(String endpoint, int status) {
    String key = endpoint + ' ' + status;
    Counter c = requestCounters.get(key);
    if (c == null) {
      String outcome = status < 400 ? "success" : status < 500 ? "client_error" : "server_error";
      c =
          requestCounters.computeIfAbsent(
              key,
              k ->
                  Counter.builder("mlsd.http.requests")
                      .description("HTTP requests answered")
                      .tags(
                          "endpoint",
                          endpoint,
                          "status",
                          Integer.toString(status),
                          "outcome",
                          outcome)
                      .register(registry));
    }
    c.increment();
  }

  /** Requests answered so far with a status in {@code [from, to)}, over every endpoint. */
  public long requestCount(int fromStatus, int toStatus) {
    long n = 0;
    for (Counter c : registry.find("mlsd.http.requests").counters()) {
      int s = Integer.parseInt(c.getId().getTag("status"));
      if (s >= fromStatus && s < toStatus) {
        n += (long) c.count();
      }
    }
    return n;
  }

  /**
   * Exposes a feature store's counters.
   *
   * @param store a name for the store, e.g. {@code "ad-features"}
   * @param kind the store kind, e.g. {@code "redis"}
   * @param counters the store's counters
   */
  public void bindFeatureStore(String store, String kind, FeatureStoreCounters counters) {
    Tags tags = Tags.of("store", store, "kind", kind);
    FunctionCounter.builder("mlsd.feature.store.batches", counters, FeatureStoreCounters::batches)
        .description("feature-store batch reads")
        .tags(tags)
        .register(registry);
    FunctionCounter.builder("mlsd.feature.store.rows", counters, FeatureStoreCounters::rows)
        .description("feature rows asked for")
        .tags(tags)
        .register(registry);
    FunctionCounter.builder(
            "mlsd.feature.store.missing.rows", counters, FeatureStoreCounters::missingRows)
        .description("rows absent from the store, served with defaults")
        .tags(tags)
        .register(registry);
    FunctionCounter.builder(
            "mlsd.feature.store.fallback.batches", counters, FeatureStoreCounters::fallbackBatches)
        .description("batches served with defaults: store down or over budget")
        .tags(tags)
        .register(registry);
    FunctionCounter.builder(
            "mlsd.feature.store.fallback.rows", counters, FeatureStoreCounters::fallbackRows)
        .description("rows served with defaults because their batch fell back")
        .tags(tags)
        .register(registry);
    FunctionCounter.builder(
            "mlsd.feature.store.corrupt.values", counters, FeatureStoreCounters::corruptValues)
        .description("stored values of another encoding, served with defaults")
        .tags(tags)
        .register(registry);
  }

  /**
   * Exposes the served model's version as {@code mlsd_model_info{model,version} 1}, re-read at
   * every scrape so a swap shows at once, and the number of swaps.
   *
   * @param model the model's name
   * @param version reads the served version
   * @param swaps reads the number of swaps so far
   */
  public void bindModel(String model, Supplier<String> version, Supplier<Long> swaps) {
    MultiGauge info =
        MultiGauge.builder("mlsd.model.info")
            .description("the served model version (value always 1)")
            .register(registry);
    Runnable refresh =
        () ->
            info.register(
                List.of(MultiGauge.Row.of(Tags.of("model", model, "version", version.get()), 1)),
                true);
    refresh.run();
    beforeScrape.add(refresh);
    FunctionCounter.builder("mlsd.model.swaps", swaps, s -> s.get())
        .description("model swaps since start")
        .tags("model", model)
        .register(registry);
  }

  /**
   * Exposes a latency histogram's 50th, 99th and 99.9th percentiles and count.
   *
   * @param recorder the histogram; its name becomes the {@code name} tag
   * @param extraTags more tags, e.g. {@code "pipeline", "ad-ctr"}
   */
  public void bindLatency(LatencyRecorder recorder, String... extraTags) {
    Tags base = Tags.of(extraTags).and("name", recorder.name());
    for (double q : new double[] {50, 99, 99.9}) {
      Gauge.builder("mlsd.latency.microseconds", recorder, r -> r.percentileMicros(q))
          .description("latency percentile since start, microseconds (HdrHistogram)")
          .tags(base.and("quantile", Double.toString(q / 100)))
          .register(registry);
    }
    FunctionCounter.builder("mlsd.latency.count", recorder, LatencyRecorder::count)
        .description("durations recorded")
        .tags(base)
        .register(registry);
  }

  /** Exposes PSI and KL divergence per feature of a drift monitor. */
  public void bindDrift(DriftMonitor drift) {
    for (int i = 0; i < drift.features(); i++) {
      int f = i;
      Tags tags = Tags.of("feature", drift.featureName(f));
      Gauge.builder("mlsd.drift.psi", drift, d -> d.psi(f))
          .description("population stability index, training vs serving")
          .tags(tags)
          .register(registry);
      Gauge.builder("mlsd.drift.kl", drift, d -> d.kl(f))
          .description("KL divergence of serving from training, nats")
          .tags(tags)
          .register(registry);
      FunctionCounter.builder("mlsd.drift.observations", drift, d -> d.observations(f))
          .description("serving values observed")
          .tags(tags)
          .register(registry);
    }
  }

  /** Exposes a calibration monitor's predicted/observed ratio, its drift and ECE. */
  public void bindCalibration(String model, CalibrationMonitor calibration) {
    Tags tags = Tags.of("model", model);
    Gauge.builder("mlsd.calibration.predicted.observed.ratio", calibration, c -> c.ratio())
        .description("mean prediction / observed positive rate on labelled traffic")
        .tags(tags)
        .register(registry);
    Gauge.builder("mlsd.calibration.drift", calibration, c -> c.drift())
        .description("|serving ratio - reference ratio|")
        .tags(tags)
        .register(registry);
    Gauge.builder("mlsd.calibration.ece", calibration, c -> c.expectedCalibrationError())
        .description("expected calibration error, equal-width bins, on labelled traffic")
        .tags(tags)
        .register(registry);
  }
}
