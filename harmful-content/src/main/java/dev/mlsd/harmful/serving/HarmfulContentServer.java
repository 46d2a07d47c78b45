package dev.mlsd.harmful.serving;

import dev.mlsd.core.http.BadRequestException;
import dev.mlsd.core.http.JsonServer;
import dev.mlsd.core.monitoring.DriftMonitor;
import java.io.IOException;
import java.net.URI;
import java.util.Map;

/**
 * The HTTP edge of the {@link EnforcementPipeline}, on core's {@link JsonServer} (127.0.0.1 by
 * default):
 *
 * <ul>
 *   <li>{@code POST /v1/posts} {@code {"postId": 7, "text": "..."}}: scores and enforces;
 *   <li>{@code GET /v1/review-queue?reviewer=alice&max=20}: claims items for a reviewer;
 *   <li>{@code POST /v1/reviews/{postId}} {@code {"decision": "hate|offensive|neither", "reviewer":
 *       "alice"}}: a decision, appended to the training log;
 *   <li>{@code POST /v1/appeals/{postId}} {@code {"note": "..."}}: the author appeals;
 *   <li>{@code POST /v1/reports/{postId}} {@code {"note": "..."}}: a user reports the post;
 *   <li>{@code GET /v1/online-metrics}: the online metrics as JSON;
 *   <li>{@code GET /health}, {@code GET /metrics} (Prometheus: the online metrics as {@code
 *       mlsd_integrity_*}, prediction drift as {@code mlsd_drift_psi{feature="p_hate"}}, latency
 *       per endpoint).
 * </ul>
 *
 * Bad input gets 400 and a one-line reason: an empty text, a text over {@link
 * Requests#MAX_TEXT_CHARS} chars, a body that is not valid UTF-8 or not the expected JSON, an
 * unknown post id, a decision outside the allowed set, a post that is not in the review queue.
 *
 * <p>Book: chapter 5, "Serving".
 */
public final class HarmfulContentServer implements AutoCloseable {
  private final JsonServer server;

  private HarmfulContentServer(JsonServer server) {
    this.server = server;
  }

  /** 4 workers, 32 queued requests, 100 ms longest queue wait ({@link JsonServer}'s defaults). */
  public static final JsonServer.Limits DEFAULT_LIMITS =
      new JsonServer.Limits(4, 32, java.time.Duration.ofMillis(100));

  /**
   * Starts the server with {@link #DEFAULT_LIMITS}.
   *
   * @param pipeline the enforcement pipeline
   * @param drift the prediction drift monitor, or null
   * @param port the port, 0 for any free one
   */
  public static HarmfulContentServer start(
      EnforcementPipeline pipeline, DriftMonitor drift, int port) throws IOException {
    return start(pipeline, drift, port, DEFAULT_LIMITS);
  }

  /**
   * Starts the server.
   *
   * @param pipeline the enforcement pipeline
   * @param drift the prediction drift monitor, or null
   * @param port the port, 0 for any free one
   * @param limits workers, queue and longest queue wait (the load command's {@code --threads},
   *     {@code --queue}, {@code --max-queue-ms})
   */
  public static HarmfulContentServer start(
      EnforcementPipeline pipeline, DriftMonitor drift, int port, JsonServer.Limits limits)
      throws IOException {
    JsonServer.Builder b =
        JsonServer.builder("harmful-content")
            .port(port)
            .limits(limits)
            .post("/v1/posts", Requests.NewPost.class, r -> pipeline.submit(r.postId(), r.text()))
            .getWithQuery("/v1/review-queue", (rest, q) -> reviewQueue(pipeline, q))
            .postPrefix(
                "/v1/reviews/",
                Requests.Review.class,
                (rest, r) ->
                    pipeline.review(postId(rest), ReviewDecision.parse(r.decision()), r.reviewer()))
            .postPrefix(
                "/v1/appeals/", Requests.Note.class, (rest, r) -> pipeline.appeal(postId(rest)))
            .postPrefix(
                "/v1/reports/", Requests.Note.class, (rest, r) -> pipeline.report(postId(rest)))
            .get("/v1/online-metrics", () -> pipeline.metrics().snapshot())
            .model("multi-task", pipeline.detection().model())
            .health("reviewQueue", () -> pipeline.queue().kind())
            .health("reviewQueueFailures", () -> pipeline.demoting().queueFailures())
            .health("reviewQueueReclaimed", () -> pipeline.queue().reclaimed())
            .health("reviewQueueOverflow", () -> pipeline.queue().overflowed())
            .health("postsKept", pipeline::postsKept)
            .health("postsEvicted", pipeline::evictedPosts);
    if (drift != null) {
      b.drift(drift);
    }
    JsonServer s = b.start();
    pipeline.metrics().bind(s.metrics().registry());
    // items a full review queue refused (their posts stay demoted): a counter, never silent
    io.micrometer.core.instrument.FunctionCounter.builder(
            "mlsd_review_queue_overflow", pipeline.queue(), q -> q.overflowed())
        .description("posts not queued for review because the review queue was full")
        .register(s.metrics().registry());
    return new HarmfulContentServer(s);
  }

  /** Claims items for {@code reviewer} (required, 1 to 64 chars), {@code max} 1 to 100 (20). */
  private static Object reviewQueue(EnforcementPipeline pipeline, Map<String, String> q) {
    String reviewer = q.get("reviewer");
    if (reviewer == null || reviewer.isBlank() || reviewer.length() > 64) {
      throw BadRequestException.badRequest("reviewer is required (1 to 64 chars)");
    }
    int max;
    try {
      max = Integer.parseInt(q.getOrDefault("max", "20"));
    } catch (NumberFormatException e) {
      throw BadRequestException.badRequest("max must be an integer from 1 to 100");
    }
    if (max < 1 || max > 100) {
      throw BadRequestException.badRequest("max must be an integer from 1 to 100");
    }
    java.util.List<ReviewItem> items = pipeline.claim(reviewer, max);
    return Map.of("reviewer", reviewer, "items", items, "queued", pipeline.queue().size());
  }

  /** Parses the post id in a path. */
  static long postId(String rest) {
    try {
      long id = Long.parseLong(rest);
      if (id < 0) {
        throw new NumberFormatException();
      }
      return id;
    } catch (NumberFormatException e) {
      throw BadRequestException.badRequest(
          "post id must be a non-negative integer, got " + dev.mlsd.core.http.Json.oneLine(rest));
    }
  }

  /** The underlying server (its latencies and queue, for the load command's breakdown). */
  public JsonServer http() {
    return server;
  }

  /** {@code http://127.0.0.1:port}. */
  public URI uri() {
    return server.uri();
  }

  /** The bound port. */
  public int port() {
    return server.port();
  }

  @Override
  public void close() {
    server.close();
  }
}
