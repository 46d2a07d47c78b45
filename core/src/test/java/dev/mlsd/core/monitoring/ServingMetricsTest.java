package dev.mlsd.core.monitoring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mlsd.core.featurestore.FeatureSchema;
import dev.mlsd.core.featurestore.InMemoryFeatureStore;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class ServingMetricsTest {
  @Test
  void exposesEveryBoundFamily() {
    ServingMetrics m = new ServingMetrics();
    m.countRequest("/rank", 200);
    m.countRequest("/rank", 200);
    m.countRequest("/rank", 404);
    m.countRequest("/rank", 500);
    assertEquals(2, m.requestCount(200, 300));
    assertEquals(2, m.requestCount(400, 600));

    InMemoryFeatureStore store = new InMemoryFeatureStore();
    FeatureSchema s = FeatureSchema.withZeroDefaults("x", 1, List.of("a"));
    store.read(s, 1);
    m.bindFeatureStore("items", store.kind(), store.counters());

    AtomicReference<String> version = new AtomicReference<>("v1");
    m.bindModel("ctr", version::get, () -> 3L);

    DriftMonitor drift = DriftMonitor.builder(4).feature("age", new float[] {1, 2, 3, 4}).build();
    drift.observe(0, 1);
    m.bindDrift(drift);
    CalibrationMonitor cal = new CalibrationMonitor(1, 10);
    cal.record(0.5f, true);
    m.bindCalibration("ctr", cal);
    LatencyRecorder lat = new LatencyRecorder("ranking");
    lat.recordNanos(2_000);
    m.bindLatency(lat, "pipeline", "p");

    String text = m.scrape();
    assertTrue(
        text.contains(
            "mlsd_http_requests_total{endpoint=\"/rank\",outcome=\"server_error\",status=\"500\"} 1.0"),
        text);
    assertTrue(
        text.contains(
            "mlsd_feature_store_missing_rows_total{kind=\"in-memory\",store=\"items\"} 1.0"),
        text);
    assertTrue(text.contains("mlsd_model_info{model=\"ctr\",version=\"v1\"} 1"), text);
    assertTrue(text.contains("mlsd_model_swaps_total{model=\"ctr\"} 3.0"), text);
    assertTrue(text.contains("mlsd_drift_psi{feature=\"age\"}"), text);
    assertTrue(text.contains("mlsd_calibration_predicted_observed_ratio{model=\"ctr\"} 0.5"), text);
    assertTrue(
        text.contains(
            "mlsd_latency_microseconds{name=\"ranking\",pipeline=\"p\",quantile=\"0.5\"} 2.0"),
        text);

    version.set("v2");
    String after = m.scrape();
    assertTrue(after.contains("version=\"v2\""), after);
    assertTrue(!after.contains("version=\"v1\""), after);
  }
}
