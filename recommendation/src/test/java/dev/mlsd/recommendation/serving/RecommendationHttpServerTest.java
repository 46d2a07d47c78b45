package dev.mlsd.recommendation.serving;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mlsd.core.http.JsonServer;
import dev.mlsd.recommendation.RecommendationSystem;
import dev.mlsd.recommendation.TrainedFixture;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The HTTP endpoints, good and bad input: 4xx with a reason, never 500. */
class RecommendationHttpServerTest {
  static JsonServer server;
  static HttpClient client;
  static int knownUser;
  static int coldUser;

  @BeforeAll
  static void start() throws Exception {
    RecommendationSystem s = TrainedFixture.system();
    server = new RecommendationHttpServer(s.service(), s.split()).start(0);
    client = HttpClient.newHttpClient();
    var log = s.split().interactions();
    knownUser = -1;
    coldUser = -1;
    for (int u = 0; u < log.userCount(); u++) {
      if (s.split().isCold(u) && coldUser < 0) {
        coldUser = log.userId(u);
      } else if (!s.split().isCold(u) && knownUser < 0) {
        knownUser = log.userId(u);
      }
    }
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  static HttpResponse<String> get(String path) throws Exception {
    return client.send(
        HttpRequest.newBuilder(server.uri().resolve(path)).GET().build(),
        HttpResponse.BodyHandlers.ofString());
  }

  static HttpResponse<String> post(String path, String json) throws Exception {
    return client.send(
        HttpRequest.newBuilder(server.uri().resolve(path))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(json))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void knownUserGetsKRecommendations() throws Exception {
    HttpResponse<String> r = get("/v1/users/" + knownUser + "/recommendations?k=5");
    assertEquals(200, r.statusCode(), r.body());
    assertTrue(r.body().contains("\"k\":5"), r.body());
    assertEquals(5, r.body().split("\"movieId\"").length - 1, r.body());
  }

  @Test
  void unknownUserIsAClear404() throws Exception {
    HttpResponse<String> r = get("/v1/users/999999/recommendations?k=10");
    assertEquals(404, r.statusCode());
    assertTrue(r.body().contains("999999"), r.body());
    // a held-out cold-start user is unknown to the server too (they use POST)
    assertEquals(404, get("/v1/users/" + coldUser + "/recommendations").statusCode());
  }

  @Test
  void kOutOfRangeOrNotANumberIs400() throws Exception {
    for (String q : new String[] {"k=0", "k=101", "k=-3", "k=abc", "k="}) {
      HttpResponse<String> r = get("/v1/users/" + knownUser + "/recommendations?" + q);
      assertEquals(400, r.statusCode(), q + ": " + r.body());
      assertTrue(r.body().contains("error"), r.body());
    }
  }

  @Test
  void malformedPathsAre4xx() throws Exception {
    assertEquals(400, get("/v1/users/abc/recommendations").statusCode());
    assertEquals(404, get("/v1/users/1/friends").statusCode());
    assertEquals(404, get("/v1/users/1/recommendations/extra").statusCode());
  }

  @Test
  void anonymousUserIsServedFromTheirHistory() throws Exception {
    HttpResponse<String> r =
        post(
            "/v1/recommendations",
            "{\"history\": [{\"movieId\": 2, \"rating\": 5.0}, {\"movieId\": 4, \"rating\": 4.5}],"
                + " \"timestamp\": 1100000000, \"k\": 3}");
    assertEquals(200, r.statusCode(), r.body());
    assertEquals(3, r.body().split("\"movieId\"").length - 1, r.body());
    // the history is never recommended back
    assertTrue(!r.body().contains("\"movieId\":2,") && !r.body().contains("\"movieId\":4,"));
    HttpResponse<String> empty =
        post("/v1/recommendations", "{\"history\": [], \"timestamp\": 1100000000, \"k\": 3}");
    assertEquals(200, empty.statusCode(), empty.body());
  }

  @Test
  void badAnonymousRequestsAre400() throws Exception {
    String[] bodies = {
      "{\"history\": [{\"movieId\": 424242, \"rating\": 4.0}], \"timestamp\": 1, \"k\": 3}",
      "{\"history\": [{\"movieId\": 2, \"rating\": 9.0}], \"timestamp\": 1, \"k\": 3}",
      "{\"history\": [], \"timestamp\": 1, \"k\": 0}",
      "{\"history\": [], \"k\": 3}",
      "{\"history\": [], \"timestamp\": -5, \"k\": 3}",
      "{\"history\": \"nope\", \"timestamp\": 1, \"k\": 3}",
      "not json"
    };
    for (String b : bodies) {
      HttpResponse<String> r = post("/v1/recommendations", b);
      assertEquals(400, r.statusCode(), b + " -> " + r.body());
    }
  }

  @Test
  void healthAndMetricsAnswer() throws Exception {
    assertEquals(200, get("/health").statusCode());
    HttpResponse<String> m = get("/metrics");
    assertEquals(200, m.statusCode());
  }
}
