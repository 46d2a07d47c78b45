package dev.mlsd.harmful.serving;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The enforcement pipeline over a real socket, with the hand-computable fixture model. */
class HarmfulContentServerTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final HttpClient http = HttpClient.newHttpClient();
  @TempDir Path dir;
  private TrainingLog log;
  private HarmfulContentServer server;
  private URI base;

  @BeforeEach
  void start() throws IOException {
    log = new TrainingLog(dir.resolve("log.jsonl"));
    server =
        HarmfulContentServer.start(
            ServingFixture.pipeline(new InMemoryReviewQueue(), log), null, 0);
    base = server.uri();
  }

  @AfterEach
  void stop() {
    server.close();
    log.close();
  }

  private HttpResponse<String> post(String path, byte[] body) throws Exception {
    return http.send(
        HttpRequest.newBuilder(base.resolve(path))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofByteArray(body))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> post(String path, String body) throws Exception {
    return post(path, body.getBytes(StandardCharsets.UTF_8));
  }

  private JsonNode ok(HttpResponse<String> r) throws IOException {
    assertEquals(200, r.statusCode(), r.body());
    return JSON.readTree(r.body());
  }

  private String get(String path) throws Exception {
    return http.send(
            HttpRequest.newBuilder(base.resolve(path)).GET().build(),
            HttpResponse.BodyHandlers.ofString())
        .body();
  }

  @Test
  void removesDemotesAndAllowsAndTellsTheAuthorWhy() throws Exception {
    JsonNode removed = ok(post("/v1/posts", "{\"postId\": 2, \"text\": \"bitch bitch\"}"));
    assertEquals("removed", removed.path("action").asText());
    assertEquals("hate", removed.path("category").asText());
    assertTrue(removed.path("notice").asText().contains("hate speech (confidence 0.99)"));
    JsonNode demoted = ok(post("/v1/posts", "{\"postId\": 3, \"text\": \"you bitch\"}"));
    assertEquals(
        "demoted", demoted.path("action").asText(), "p(hate) = 0.5 is on the review boundary");
    assertTrue(demoted.path("queuedForReview").asBoolean());
    JsonNode allowed = ok(post("/v1/posts", "{\"postId\": 4, \"text\": \"hello there\"}"));
    assertEquals("allowed", allowed.path("action").asText());
    JsonNode caps = ok(post("/v1/posts", "{\"postId\": 5, \"text\": \"HELLO THERE\"}"));
    assertEquals("offensive", caps.path("category").asText());
  }

  @Test
  void reviewQueueRoundTripWritesTheTrainingLog() throws Exception {
    ok(post("/v1/posts", "{\"postId\": 3, \"text\": \"you bitch\"}"));
    JsonNode claim = JSON.readTree(get("/v1/review-queue?reviewer=alice&max=5"));
    assertEquals(1, claim.path("items").size());
    assertEquals(3, claim.path("items").get(0).path("postId").asLong());
    assertEquals("DEMOTED", claim.path("items").get(0).path("reason").asText());
    JsonNode decided =
        ok(post("/v1/reviews/3", "{\"decision\": \"offensive\", \"reviewer\": \"alice\"}"));
    assertEquals("removed", decided.path("state").asText());
    assertEquals(1, decided.path("trainingExamples").asLong());
    TrainingLog.Contents c = TrainingLog.read(dir.resolve("log.jsonl"));
    assertEquals(1, c.examples().size());
    assertEquals("you bitch", c.examples().getFirst().text());
    assertEquals(
        dev.mlsd.harmful.data.ThreeClass.OFFENSIVE,
        c.examples().getFirst().toPost(0).authorsClass());
    assertEquals(0, JSON.readTree(get("/v1/review-queue?reviewer=alice")).path("items").size());
  }

  @Test
  void anAppealQueuesTheRemovalAndAReversalCountsAsAValidAppeal() throws Exception {
    ok(post("/v1/posts", "{\"postId\": 8, \"text\": \"bitch bitch\"}"));
    assertEquals(
        "queued for review",
        ok(post("/v1/appeals/8", "{\"note\": \"it was a quote\"}")).path("status").asText());
    assertEquals(
        400, post("/v1/appeals/8", "{\"note\": \"again\"}").statusCode(), "one appeal per post");
    JsonNode item = JSON.readTree(get("/v1/review-queue?reviewer=bob")).path("items").get(0);
    assertEquals("APPEAL", item.path("reason").asText());
    JsonNode decided =
        ok(post("/v1/reviews/8", "{\"decision\": \"neither\", \"reviewer\": \"bob\"}"));
    assertEquals("allowed", decided.path("state").asText());
    assertTrue(decided.path("appealReversed").asBoolean());
    JsonNode m = JSON.readTree(get("/v1/online-metrics"));
    assertEquals(1, m.path("reversedAppeals").asLong());
    assertEquals(1.0, m.path("validAppealRate").asDouble(), 1e-12);
    assertTrue(get("/metrics").contains("mlsd_integrity_valid_appeal_rate 1.0"));
    ok(post("/v1/posts", "{\"postId\": 9, \"text\": \"hello there\"}"));
    assertEquals(400, post("/v1/appeals/9", "{\"note\": null}").statusCode(), "nothing to appeal");
  }

  @Test
  void aUserReportQueuesAnAllowedPostAndCountsForTheOnlineMetrics() throws Exception {
    ok(post("/v1/posts", "{\"postId\": 10, \"text\": \"hello there\"}"));
    JsonNode r = ok(post("/v1/reports/10", "{\"note\": \"rude\"}"));
    assertTrue(r.path("queuedForReview").asBoolean());
    JsonNode m = JSON.readTree(get("/v1/online-metrics"));
    // the fixture's ground truth calls even ids harmful: post 10 was harmful, allowed, then
    // reported
    assertEquals(1.0, m.path("prevalence").asDouble(), 1e-12);
    assertEquals(0.0, m.path("proactiveRate").asDouble(), 1e-12);
    assertEquals(1.0, m.path("userReportsPerHarmfulPost").asDouble(), 1e-12);
  }

  @Test
  void badInputIs400WithAReasonNever500() throws Exception {
    assertBad(post("/v1/posts", "{\"postId\": 1, \"text\": \"   \"}"), "text is empty");
    assertBad(
        post("/v1/posts", "{\"postId\": 1, \"text\": \"" + "a".repeat(1001) + "\"}"),
        "limit is 1000");
    byte[] invalidUtf8 =
        "{\"postId\": 1, \"text\": \"caf\u00ff\"}".getBytes(StandardCharsets.ISO_8859_1);
    assertBad(post("/v1/posts", invalidUtf8), "UTF-8");
    assertBad(post("/v1/posts", "{\"postId\": 1}"), "text");
    assertBad(post("/v1/posts", "not json"), "");
    ok(post("/v1/posts", "{\"postId\": 1, \"text\": \"you bitch\"}"));
    assertBad(post("/v1/posts", "{\"postId\": 1, \"text\": \"again\"}"), "already submitted");
    assertBad(
        post("/v1/reviews/777", "{\"decision\": \"hate\", \"reviewer\": \"a\"}"),
        "unknown post id 777");
    assertBad(post("/v1/appeals/777", "{\"note\": \"\"}"), "unknown post id 777");
    assertBad(
        post("/v1/reviews/1", "{\"decision\": \"spam\", \"reviewer\": \"a\"}"),
        "decision must be one of hate, offensive, neither");
    assertBad(
        post("/v1/reviews/abc", "{\"decision\": \"hate\", \"reviewer\": \"a\"}"),
        "non-negative integer");
    ok(post("/v1/posts", "{\"postId\": 6, \"text\": \"hello there\"}"));
    assertBad(
        post("/v1/reviews/6", "{\"decision\": \"hate\", \"reviewer\": \"a\"}"),
        "not in the review queue");
    assertEquals(
        400,
        http.send(
                HttpRequest.newBuilder(base.resolve("/v1/review-queue?max=5")).GET().build(),
                HttpResponse.BodyHandlers.ofString())
            .statusCode());
    assertEquals(0, server.uri() == null ? 1 : 0);
  }

  @Test
  void garbageOnTheSocketThenHealthStillAnswers() throws Exception {
    try (Socket s = new Socket(base.getHost(), base.getPort())) {
      OutputStream o = s.getOutputStream();
      o.write(new byte[] {(byte) 0xff, 0x00, 0x13, 'G', 'E', 'T', '\r', '\n', '\r', '\n'});
      o.flush();
      s.setSoTimeout(3000);
      InputStream in = s.getInputStream();
      try {
        in.read();
      } catch (IOException expected) {
        // a reset is as good as an error answer
      }
    }
    assertTrue(get("/health").contains("harmful-content"));
    assertFalse(get("/metrics").contains("status=\"500\""));
  }

  private static void assertBad(HttpResponse<String> r, String reason) {
    assertEquals(400, r.statusCode(), r.body());
    assertTrue(r.body().contains(reason), r.body());
  }
}
