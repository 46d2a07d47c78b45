package dev.mlsd.adctr.serving;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mlsd.adctr.AdCtrSystem;
import dev.mlsd.core.featurestore.InMemoryFeatureStore;
import dev.mlsd.core.serving.ModelHolder;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@code POST /v1/ads/rank}, {@code /health} and {@code /metrics} over a real socket. */
class AdServerTest {
  static ServingFixture fx;
  static InMemoryFeatureStore store;
  static AdServer server;
  static final HttpClient HTTP = HttpClient.newHttpClient();
  static final ObjectMapper JSON = new ObjectMapper();

  @BeforeAll
  static void start() throws Exception {
    fx = new ServingFixture();
    store = new InMemoryFeatureStore();
    AdFeatures.materialise(store, fx.catalogue, fx.ctr, fx.log.rows().subList(0, fx.next));
    ModelHolder<ServedModel> holder = new ModelHolder<>(fx.model(), ServingFixture.card());
    AdPipeline ads = AdCtrSystem.pipeline(fx.params, fx.pipeline, fx.catalogue, store, holder);
    server = AdServer.start(ads, fx.catalogue, store, holder, null, 0);
  }

  @AfterAll
  static void stop() {
    server.close();
    store.close();
  }

  static HttpResponse<String> post(String body) throws Exception {
    return HTTP.send(
        HttpRequest.newBuilder(server.uri().resolve("/v1/ads/rank"))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void ranksARealRequestSideWithCalibratedProbabilities() throws Exception {
    assertEquals("127.0.0.1", server.uri().getHost());
    String body = AdServer.exampleBody(fx.catalogue, fx.log.rows().get(fx.next), 7);
    HttpResponse<String> r = post(body);
    assertEquals(200, r.statusCode(), r.body());
    JsonNode ads = JSON.readTree(r.body()).get("ads");
    assertEquals(7, ads.size());
    double prev = 1;
    for (JsonNode a : ads) {
      double p = a.get("pClick").asDouble();
      assertTrue(p > 0 && p < 1 && p <= prev, r.body());
      prev = p;
      assertTrue(a.get("ad").asInt() >= 0 && a.get("ad").asInt() < fx.catalogue.size());
    }
    // the in-process pipeline gives the same first ad for the same request
    AdRequest q = AdServer.parse(fx.catalogue, JSON.readValue(body, AdServer.RankRequest.class));
    assertEquals(q.k(), 7);
  }

  @Test
  void badRequestsAre4xxWithAReason() throws Exception {
    String[] bad = {
      "", // empty body
      "{not json",
      "[]",
      "{\"context\":{},\"numeric\":{},\"k\":0}",
      "{\"context\":{},\"numeric\":{},\"k\":101}",
      "{\"context\":{\"nosuch\":\"x\"},\"k\":5}",
      "{\"context\":{\"C1\":\"x\"},\"k\":5}", // ad side: the server chooses the ad
      "{\"numeric\":{\"I1\":\"abc\"},\"k\":5}",
      "{\"numeric\":{\"I99\":1},\"k\":5}",
      "{\"numeric\":{\"I1\":1e300},\"k\":5}",
      "{\"k\":5,\"unexpected\":true}",
      "{\"context\":{\"C5\":null},\"k\":5}",
    };
    for (String b : bad) {
      HttpResponse<String> r = post(b);
      assertTrue(
          r.statusCode() >= 400 && r.statusCode() < 500,
          "body " + b + " -> " + r.statusCode() + " " + r.body());
    }
    HttpResponse<String> get =
        HTTP.send(
            HttpRequest.newBuilder(server.uri().resolve("/v1/ads/rank")).GET().build(),
            HttpResponse.BodyHandlers.ofString());
    assertTrue(get.statusCode() >= 400 && get.statusCode() < 500, "GET -> " + get.statusCode());
    HttpResponse<String> ok = post("{\"context\":{},\"numeric\":{},\"k\":3}");
    assertEquals(200, ok.statusCode(), "every field inside is optional: " + ok.body());
  }

  @Test
  void healthAndMetrics() throws Exception {
    HttpResponse<String> h =
        HTTP.send(
            HttpRequest.newBuilder(server.uri().resolve("/health")).GET().build(),
            HttpResponse.BodyHandlers.ofString());
    assertEquals(200, h.statusCode());
    assertTrue(h.body().contains("ads"), h.body());
    post("{\"context\":{},\"numeric\":{},\"k\":3}");
    HttpResponse<String> m =
        HTTP.send(
            HttpRequest.newBuilder(URI.create(server.uri() + "/metrics")).GET().build(),
            HttpResponse.BodyHandlers.ofString());
    assertEquals(200, m.statusCode());
    assertTrue(
        m.body().contains("ad-ctr") || m.body().contains("ad_ctr"), "metrics name the pipeline");
  }
}
