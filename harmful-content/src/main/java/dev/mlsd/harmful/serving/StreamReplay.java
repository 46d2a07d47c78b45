package dev.mlsd.harmful.serving;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mlsd.harmful.data.Post;
import dev.mlsd.harmful.data.ThreeClass;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.LongConsumer;
import org.HdrHistogram.Histogram;

/**
 * Replays posts as a stream through a running {@link HarmfulContentServer}, over HTTP, with the
 * rest of the platform simulated from the crowd labels at stated rates:
 *
 * <ul>
 *   <li><b>users</b>: each impression of a post that stays up (see {@link OnlineMetrics.Exposure})
 *       is reported with probability {@code reportRate} if the post is harmful (hate or offensive
 *       by the authors' class) and {@code falseReportRate} if not; each report is a {@code POST
 *       /v1/reports/{id}};
 *   <li><b>authors</b>: the author of a removed post appeals with probability {@code appealRate},
 *       whatever the truth ({@code POST /v1/appeals/{id}});
 *   <li><b>reviewers</b>: after every {@code reviewEvery} posts, one reviewer claims up to {@code
 *       reviewsPerRound} items ({@code GET /v1/review-queue}) and decides each by the post's crowd
 *       label ({@code POST /v1/reviews/{id}}); at the end the backlog is drained.
 * </ul>
 *
 * The server's {@link OnlineMetrics} count everything as it happens; the replay records a snapshot
 * of them every {@code snapshotEvery} posts (the timeline in the report) and the latency of every
 * {@code POST /v1/posts} as the client saw it.
 *
 * <p>Thread safety: one replay per thread.
 */
public final class StreamReplay {
  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * The simulation's rates.
   *
   * @param reportRate report probability per impression of a harmful post
   * @param falseReportRate report probability per impression of a harmless post
   * @param appealRate probability that the author of a removed post appeals
   * @param reviewEvery posts between review rounds
   * @param reviewsPerRound items a reviewer decides per round
   * @param snapshotEvery posts between metric snapshots
   * @param seed the simulation's seed
   */
  public record Settings(
      double reportRate,
      double falseReportRate,
      double appealRate,
      int reviewEvery,
      int reviewsPerRound,
      int snapshotEvery,
      long seed) {
    /**
     * 1% of impressions of harmful posts reported, 0.05% of harmless ones; half the removals
     * appealed.
     */
    public static Settings defaults(long seed) {
      return new Settings(0.01, 0.0005, 0.5, 100, 40, 100, seed);
    }
  }

  /**
   * What the replay saw.
   *
   * @param finalMetrics the server's online metrics at the end
   * @param timeline snapshots every {@code snapshotEvery} posts, then the final one
   * @param postLatency client-side latency of {@code POST /v1/posts}, microseconds
   * @param reports user reports sent
   * @param appeals appeals sent
   * @param reviews decisions sent
   * @param rejected requests answered with an error status (should be 0)
   */
  public record Result(
      OnlineMetrics.Snapshot finalMetrics,
      List<OnlineMetrics.Snapshot> timeline,
      Histogram postLatency,
      int reports,
      int appeals,
      int reviews,
      int rejected) {}

  private final URI base;
  private final HttpClient http =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  private final Settings settings;
  private final OnlineMetrics.Exposure exposure;
  private int rejected;

  /**
   * @param base the server's {@code http://host:port}
   * @param settings the simulation's rates
   * @param exposure the impression model (the server's)
   */
  public StreamReplay(URI base, Settings settings, OnlineMetrics.Exposure exposure) {
    this.base = base;
    this.settings = settings;
    this.exposure = exposure;
  }

  /**
   * Replays the posts in order.
   *
   * @param posts the posts, each with its crowd label
   * @param progress receives 1 per post
   */
  public Result run(List<Post> posts, LongConsumer progress)
      throws IOException, InterruptedException {
    SplittableRandom random = new SplittableRandom(settings.seed());
    java.util.Map<Long, Post> byId = new java.util.HashMap<>();
    for (Post p : posts) {
      byId.put((long) p.id(), p);
    }
    Histogram latency = new Histogram(60_000_000L, 3);
    List<OnlineMetrics.Snapshot> timeline = new ArrayList<>();
    int reports = 0;
    int appeals = 0;
    int reviews = 0;
    for (int k = 0; k < posts.size(); k++) {
      Post p = posts.get(k);
      String body =
          JSON.writeValueAsString(java.util.Map.of("postId", (long) p.id(), "text", p.text()));
      long t0 = System.nanoTime();
      JsonNode answer = post("/v1/posts", body);
      latency.recordValue(Math.max(1, (System.nanoTime() - t0) / 1000));
      if (answer != null) {
        Action action = actionOf(answer.path("action").asText());
        boolean harmful = p.authorsClass() != ThreeClass.NEITHER;
        long shown = exposure.impressions(action);
        double rate = harmful ? settings.reportRate() : settings.falseReportRate();
        for (long i = 0; i < shown; i++) {
          if (random.nextDouble() < rate) {
            post("/v1/reports/" + p.id(), "{\"note\":\"simulated user report\"}");
            reports++;
          }
        }
        if (action == Action.REMOVE && random.nextDouble() < settings.appealRate()) {
          post("/v1/appeals/" + p.id(), "{\"note\":\"simulated appeal\"}");
          appeals++;
        }
      }
      if ((k + 1) % settings.reviewEvery() == 0) {
        reviews += reviewRound(byId, settings.reviewsPerRound());
      }
      if ((k + 1) % settings.snapshotEvery() == 0) {
        timeline.add(snapshot());
      }
      progress.accept(1);
    }
    int n;
    while ((n = reviewRound(byId, 100)) > 0) {
      reviews += n;
    }
    OnlineMetrics.Snapshot last = snapshot();
    timeline.add(last);
    return new Result(last, timeline, latency, reports, appeals, reviews, rejected);
  }

  /** One reviewer's round: claims up to {@code max} items and decides each by its crowd label. */
  private int reviewRound(java.util.Map<Long, Post> byId, int max)
      throws IOException, InterruptedException {
    JsonNode claim = get("/v1/review-queue?reviewer=replay-reviewer&max=" + max);
    if (claim == null) {
      return 0;
    }
    int decided = 0;
    for (JsonNode item : claim.path("items")) {
      long id = item.path("postId").asLong();
      Post p = byId.get(id);
      String decision = ThreeClass.name(p == null ? ThreeClass.NEITHER : p.authorsClass());
      post(
          "/v1/reviews/" + id,
          "{\"decision\":\"" + decision + "\",\"reviewer\":\"replay-reviewer\"}");
      decided++;
    }
    return decided;
  }

  private OnlineMetrics.Snapshot snapshot() throws IOException, InterruptedException {
    JsonNode n = get("/v1/online-metrics");
    return n == null ? null : JSON.treeToValue(n, OnlineMetrics.Snapshot.class);
  }

  private static Action actionOf(String label) {
    for (Action a : Action.values()) {
      if (a.label().equals(label)) {
        return a;
      }
    }
    return Action.ALLOW;
  }

  private JsonNode post(String path, String body) throws IOException, InterruptedException {
    HttpRequest r =
        HttpRequest.newBuilder(base.resolve(path))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build();
    return answer(http.send(r, HttpResponse.BodyHandlers.ofByteArray()));
  }

  private JsonNode get(String path) throws IOException, InterruptedException {
    HttpRequest r = HttpRequest.newBuilder(base.resolve(path)).GET().build();
    return answer(http.send(r, HttpResponse.BodyHandlers.ofByteArray()));
  }

  private JsonNode answer(HttpResponse<byte[]> r) throws IOException {
    if (r.statusCode() != 200) {
      rejected++;
      return null;
    }
    return JSON.readTree(r.body());
  }
}
