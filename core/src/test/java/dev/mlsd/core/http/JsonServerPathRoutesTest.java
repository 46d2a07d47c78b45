package dev.mlsd.core.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@code postPrefix} (an id in a POST path) and {@code getWithQuery} (query parameters). */
class JsonServerPathRoutesTest {
  record Decision(String decision) {
    Decision {
      if (!"yes".equals(decision) && !"no".equals(decision)) {
        throw new IllegalArgumentException("decision must be yes or no");
      }
    }
  }

  static JsonServer server;
  static TestClient client;

  @BeforeAll
  static void start() throws Exception {
    server =
        JsonServer.builder("paths")
            .postPrefix(
                "/v1/reviews/",
                Decision.class,
                (rest, d) -> {
                  long id;
                  try {
                    id = Long.parseLong(rest);
                  } catch (NumberFormatException e) {
                    throw BadRequestException.badRequest("not an id: " + rest);
                  }
                  if (id == 404) {
                    throw BadRequestException.unknownId("post", id);
                  }
                  return Map.of("id", id, "decision", d.decision());
                })
            .getWithQuery(
                "/v1/queue",
                (rest, q) -> Map.of("rest", rest, "reviewer", q.getOrDefault("reviewer", "")))
            .start();
    client = new TestClient(server.uri());
  }

  @AfterAll
  static void stop() {
    client.close();
    server.close();
  }

  @Test
  void postWithAnIdInThePathGetsTheIdAndTheParsedBody() throws Exception {
    HttpResponse<String> r = client.post("/v1/reviews/42", "{\"decision\":\"yes\"}");
    assertEquals(200, r.statusCode(), r.body());
    com.fasterxml.jackson.databind.JsonNode body = Json.mapper().readTree(r.body());
    assertEquals(42, body.get("id").asLong());
    assertEquals("yes", body.get("decision").asText());
  }

  @Test
  void aPrefixPostValidatesItsBodyLikeAnExactPost() throws Exception {
    assertEquals(400, client.post("/v1/reviews/1", "{\"decision\":\"maybe\"}").statusCode());
    assertEquals(400, client.post("/v1/reviews/1", "{\"other\":1}").statusCode());
    assertEquals(400, client.post("/v1/reviews/x", "{\"decision\":\"yes\"}").statusCode());
    assertEquals(404, client.post("/v1/reviews/404", "{\"decision\":\"yes\"}").statusCode());
    HttpResponse<String> get = client.get("/v1/reviews/1");
    assertEquals(405, get.statusCode());
    assertTrue(get.body().contains("takes POST"), get.body());
  }

  @Test
  void getWithQueryHandsOverTheDecodedParameters() throws Exception {
    HttpResponse<String> r = client.get("/v1/queue?reviewer=al%20ice&max=3");
    assertEquals(200, r.statusCode(), r.body());
    assertTrue(r.body().contains("\"reviewer\":\"al ice\""), r.body());
    assertEquals(405, client.post("/v1/queue", "{}").statusCode());
  }
}
