package dev.mlsd.videosearch.serving;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mlsd.core.http.JsonServer;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The endpoints over a real socket: good searches, every kind of bad query, adding a video. */
class VideoSearchServerTest {
  static TinyStack stack;
  static JsonServer server;
  static final HttpClient CLIENT =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  static final ObjectMapper JSON = new ObjectMapper();

  @BeforeAll
  static void start() throws Exception {
    stack = new TinyStack(null);
    stack.addCatalogue();
    var served = stack.pipelines.served(new WeightedSumFusion(0.5));
    server =
        VideoSearchServer.start(
            new SearchService(served, stack.indexer, TinyStack.DIM),
            stack.indexer,
            new VideoSearchServer.Served(served, "weighted sum 0.5"),
            0);
  }

  @AfterAll
  static void stop() throws Exception {
    server.close();
    stack.close();
  }

  static HttpResponse<String> get(String pathAndQuery) throws Exception {
    return CLIENT.send(
        HttpRequest.newBuilder(URI.create(server.uri() + pathAndQuery))
            .timeout(Duration.ofSeconds(10))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  static HttpResponse<String> search(String q, String k) throws Exception {
    String query = "q=" + URLEncoder.encode(q, StandardCharsets.UTF_8);
    if (k != null) {
      query += "&k=" + URLEncoder.encode(k, StandardCharsets.UTF_8);
    }
    return get("/v1/search?" + query);
  }

  static HttpResponse<String> post(String path, String body) throws Exception {
    return CLIENT.send(
        HttpRequest.newBuilder(URI.create(server.uri() + path))
            .timeout(Duration.ofSeconds(10))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void aSearchReturnsEachSearchsScoreAndRank() throws Exception {
    HttpResponse<String> r = search("dog on the beach", "3");
    assertEquals(200, r.statusCode(), r.body());
    JsonNode results = JSON.readTree(r.body()).get("results");
    assertEquals(3, results.size());
    JsonNode first = results.get(0);
    assertEquals("u1@N0_1", first.get("name").asText());
    assertEquals(1, first.get("textRank").asInt());
    assertTrue(first.get("textScore").asDouble() > 0);
    assertTrue(first.has("learnedScore") && first.has("learnedRank"));
    assertTrue(first.get("text").asText().contains("beach"));
  }

  @Test
  void badQueriesAnswer400WithAReason() throws Exception {
    String[][] cases = {
      {"", "10", "empty"},
      {"   ", "10", "empty"},
      {"x".repeat(SearchRequest.MAX_QUERY_CHARS + 1), "10", "limit"},
      {"*:* ?! ()", "10", "no searchable words"},
      {"dog", "0", "k must be in"},
      {"dog", "101", "k must be in"},
      {"dog", "ten", "integer"},
    };
    for (String[] c : cases) {
      HttpResponse<String> r = search(c[0], c[1]);
      assertEquals(400, r.statusCode(), c[0] + " k=" + c[1] + ": " + r.body());
      assertTrue(JSON.readTree(r.body()).get("error").asText().contains(c[2]), r.body());
    }
    HttpResponse<String> noQ = get("/v1/search?k=3");
    assertEquals(400, noQ.statusCode(), noQ.body());
  }

  @Test
  void luceneSyntaxIsSearchedAsWordsNeverParsed() throws Exception {
    for (String q : new String[] {"title:(dog AND", "\"dog~2 [a TO z", "dog^ -cat +\\", "a/b/c"}) {
      HttpResponse<String> r = search(q, "5");
      assertEquals(200, r.statusCode(), q + ": " + r.body());
    }
  }

  @Test
  void anAddedVideoIsSearchableAndBadVideosAre400() throws Exception {
    HttpResponse<String> r =
        post(
            "/v1/videos",
            "{\"name\":\"u7@N0_20\",\"uploader\":null,\"text\":\"a blue tractor ploughs a"
                + " field\",\"hidden\":false}");
    assertEquals(200, r.statusCode(), r.body());
    JsonNode hit = JSON.readTree(search("blue tractor", "1").body()).get("results").get(0);
    assertEquals("u7@N0_20", hit.get("name").asText());
    assertEquals("u7@N0", hit.get("uploader").asText());
    assertEquals(
        400, post("/v1/videos", "{\"name\":\"u7@N0_20\",\"text\":\"again\"}").statusCode());
    assertEquals(400, post("/v1/videos", "{\"name\":\"n\",\"text\":\"?!\"}").statusCode());
    assertEquals(400, post("/v1/videos", "{\"name\":\"n\"}").statusCode());
    assertEquals(
        400, post("/v1/videos", "{\"name\":\"n\",\"text\":\"a\",\"bogus\":1}").statusCode());
    assertEquals(400, post("/v1/videos", "not json").statusCode());
  }

  @Test
  void healthAndMetricsAnswer() throws Exception {
    HttpResponse<String> h = get("/health");
    assertEquals(200, h.statusCode());
    assertTrue(JSON.readTree(h.body()).toString().contains("videos"), h.body());
    HttpResponse<String> m = get("/metrics");
    assertEquals(200, m.statusCode());
    assertEquals(404, get("/v1/nothing").statusCode());
  }
}
