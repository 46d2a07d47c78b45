package dev.mlsd.core.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mlsd.core.toy.ToyServer;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class JsonServerTest {
  static ToyFixture toy;
  static TestClient client;

  @BeforeAll
  static void start() throws Exception {
    toy = new ToyFixture(2);
    client = new TestClient(toy.server.uri());
  }

  @AfterAll
  static void stop() {
    client.close();
    toy.close();
  }

  @Test
  void bindsToLoopbackByDefault() {
    assertEquals("127.0.0.1", toy.server.uri().getHost());
    assertTrue(toy.server.port() > 0);
  }

  @Test
  void rankAnswersTheTopKWithTheModelVersion() throws Exception {
    HttpResponse<String> r = client.post("/rank", "{\"userId\":42,\"k\":10}");
    assertEquals(200, r.statusCode(), r.body());
    assertEquals("application/json", r.headers().firstValue("Content-Type").orElse(""));
    JsonNode body = Json.mapper().readTree(r.body());
    assertEquals("v1", body.get("modelVersion").asText());
    assertEquals(10, body.get("itemIds").size());
    double previous = Double.MAX_VALUE;
    // re-ranked for diversity, so not strictly sorted; but every score is a probability
    for (JsonNode s : body.get("scores")) {
      assertTrue(s.asDouble() > 0 && s.asDouble() < 1);
      previous = Math.min(previous, s.asDouble());
    }
  }

  @Test
  void healthReportsServiceModelAndEndpoints() throws Exception {
    HttpResponse<String> r = client.get("/health");
    assertEquals(200, r.statusCode());
    JsonNode h = Json.mapper().readTree(r.body());
    assertEquals("ok", h.get("status").asText());
    assertEquals("toy", h.get("service").asText());
    assertEquals("v1", h.get("model.toy-linear").asText());
    assertTrue(h.get("endpoints").toString().contains("/rank"));
  }

  @Test
  void metricsArePrometheusTextWithCountersModelAndLatency() throws Exception {
    client.post("/rank", "{\"userId\":1,\"k\":5}");
    client.post("/rank", "{\"userId\":1,\"k\":0}");
    HttpResponse<String> r = client.get("/metrics");
    assertEquals(200, r.statusCode());
    assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("text/plain"));
    String m = r.body();
    assertTrue(
        m.contains(
            "mlsd_http_requests_total{endpoint=\"/rank\",outcome=\"success\",status=\"200\"}"),
        m);
    assertTrue(m.contains("outcome=\"client_error\",status=\"400\""), m);
    assertTrue(m.contains("mlsd_model_info{model=\"toy-linear\",version=\"v1\"} 1"), m);
    assertTrue(
        m.contains(
            "mlsd_feature_store_fallback_batches_total{kind=\"in-memory\",store=\"toy-items\"}"),
        m);
    assertTrue(
        m.contains(
            "mlsd_latency_microseconds{name=\"ranking\",pipeline=\"toy\",quantile=\"0.99\"}"),
        m);
    assertTrue(m.contains("mlsd_drift_psi{feature=\"prediction\"}"), m);
    assertTrue(toy.drift.observations(0) >= 5);
  }

  @Test
  void aSwapShowsOnMetricsAtOnce() throws Exception {
    var before = toy.model.served();
    try {
      toy.model.swap(before.model(), ToyServer.card(7));
      String m = client.get("/metrics").body();
      assertTrue(m.contains("mlsd_model_info{model=\"toy-linear\",version=\"v7\"} 1"), m);
      assertTrue(!m.contains("version=\"v1\""), m);
    } finally {
      toy.model.swap(before.model(), before.card());
    }
  }

  @Test
  void builderRefusesBadDeclarations() {
    assertThrows(IllegalArgumentException.class, () -> JsonServer.builder(""));
    assertThrows(
        IllegalArgumentException.class,
        () -> JsonServer.builder("x").post("rank", Object.class, o -> o));
    assertThrows(
        IllegalArgumentException.class,
        () -> JsonServer.builder("x").post("/a", Object.class, o -> o).get("/a", () -> "x"));
    assertThrows(IllegalArgumentException.class, () -> JsonServer.builder("x").maxBodyBytes(1));
    assertThrows(
        IllegalStateException.class,
        () -> JsonServer.builder("x").get("/health", () -> "x").start());
  }
}
