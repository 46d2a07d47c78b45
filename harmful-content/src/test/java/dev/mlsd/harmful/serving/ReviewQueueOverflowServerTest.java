package dev.mlsd.harmful.serving;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A full review queue over a real socket: the post is still demoted, the answer says it was not
 * queued, and the overflow is counted on {@code /metrics} and {@code /health}.
 */
class ReviewQueueOverflowServerTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final HttpClient http = HttpClient.newHttpClient();
  @TempDir Path dir;

  private HttpResponse<String> send(HttpRequest.Builder b) throws Exception {
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  private JsonNode postNew(HarmfulContentServer server, long id) throws Exception {
    HttpResponse<String> r =
        send(
            HttpRequest.newBuilder(server.uri().resolve("/v1/posts"))
                .header("Content-Type", "application/json")
                .POST(
                    HttpRequest.BodyPublishers.ofString(
                        "{\"postId\": " + id + ", \"text\": \"you bitch\"}")));
    assertEquals(200, r.statusCode(), r.body());
    return JSON.readTree(r.body());
  }

  @Test
  void aFullQueueStillDemotesAndCountsTheOverflow() throws Exception {
    try (TrainingLog log = new TrainingLog(dir.resolve("log.jsonl"));
        HarmfulContentServer server =
            HarmfulContentServer.start(
                ServingFixture.pipeline(new InMemoryReviewQueue(1), log), null, 0)) {
      JsonNode first = postNew(server, 1);
      assertEquals("demoted", first.path("action").asText(), first.toString());
      assertTrue(first.path("queuedForReview").asBoolean(), first.toString());

      JsonNode second = postNew(server, 2);
      assertEquals("demoted", second.path("action").asText(), second.toString());
      assertEquals(false, second.path("queuedForReview").asBoolean(true), second.toString());

      String metrics = send(HttpRequest.newBuilder(server.uri().resolve("/metrics")).GET()).body();
      assertTrue(metrics.contains("mlsd_review_queue_overflow_total 1.0"), metrics);
      JsonNode health =
          JSON.readTree(send(HttpRequest.newBuilder(server.uri().resolve("/health")).GET()).body());
      assertEquals(1, health.path("reviewQueueOverflow").asLong(), health.toString());
    }
  }
}
