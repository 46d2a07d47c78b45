package dev.mlsd.recommendation.evaluation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mlsd.core.metrics.lists.IntraListDiversity;
import dev.mlsd.core.monitoring.LatencyRecorder;
import dev.mlsd.recommendation.data.Catalog;
import dev.mlsd.recommendation.data.Interactions;
import dev.mlsd.recommendation.data.Relevance;
import dev.mlsd.recommendation.data.TimeSplit;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Arrays;
import java.util.Locale;

/**
 * The online metrics of chapter 6 that this data can stand in for, measured by replaying the test
 * period through the HTTP server in time order: for each warm user's test watch, oldest first
 * across all users, the server is asked for that user's recommendations at the watch's time ({@code
 * GET /v1/users/{id}/recommendations?k=10&at=t}), then told about the watch ({@code POST
 * /v1/users/{id}/watches}), so the online features move as they would in production.
 *
 * <ul>
 *   <li><b>hit rate</b>: share of watches whose video was in the list served just before (a
 *       stand-in for click-through rate: the user chose something we showed);
 *   <li><b>watch-through proxy</b>: among hits, the share rated &gt;= 4 (MovieLens has no watch
 *       time; a high rating stands in for "watched to the end");
 *   <li><b>coverage</b>: share of the catalogue served at least once;
 *   <li><b>diversity</b>: mean intra-list genre diversity of the served lists.
 * </ul>
 *
 * <p>The server must start from the histories before the test period ({@code
 * RecommendationHttpServer.beforeTestPeriod}). A prefix of the test period in time order is
 * replayed when {@code maxEvents} is smaller than it (every watch before the cut is posted, none
 * after).
 *
 * <p>Book: chapter 6, "Evaluation", online metrics; chapter 1 (replay as an offline stand-in for an
 * A/B test).
 *
 * @param events watches replayed
 * @param users distinct users among them
 * @param hitRate share of watches found in the list served just before
 * @param watchThrough share of hits rated &gt;= 4 (NaN without hits)
 * @param coverage share of the catalogue served at least once
 * @param diversity mean intra-list diversity of the served lists
 * @param firstSeconds time of the first replayed watch
 * @param lastSeconds time of the last replayed watch
 * @param getLatency client-side latency of the GETs (HTTP, JSON and the pipeline)
 * @param postLatency client-side latency of the POSTs (online feature update)
 */
public record OnlineReplay(
    int events,
    int users,
    double hitRate,
    double watchThrough,
    double coverage,
    double diversity,
    long firstSeconds,
    long lastSeconds,
    LatencyRecorder getLatency,
    LatencyRecorder postLatency) {

  /** Recommendations served per request. */
  public static final int K = 10;

  /**
   * Replays up to {@code maxEvents} test watches through the server at {@code server}.
   *
   * @param server the server's base URI (started before the test period)
   * @param split the split (warm users' test rows are replayed)
   * @param catalog the catalogue
   * @param maxEvents the most watches to replay, at least 1
   * @throws IOException if the server cannot be reached or answers anything but 200
   */
  public static OnlineReplay run(URI server, TimeSplit split, Catalog catalog, int maxEvents)
      throws IOException, InterruptedException {
    if (maxEvents < 1) {
      throw new IllegalArgumentException("maxEvents must be >= 1, got " + maxEvents);
    }
    // closed at the end so that no idle connection holds up the server's stop
    try (HttpClient client = HttpClient.newHttpClient()) {
      return replay(server, split, catalog, maxEvents, client);
    }
  }

  private static OnlineReplay replay(
      URI server, TimeSplit split, Catalog catalog, int maxEvents, HttpClient client)
      throws IOException, InterruptedException {
    Interactions log = split.interactions();
    long[] keys = testRowsInTimeOrder(split);
    int n = Math.min(maxEvents, keys.length);
    ObjectMapper json = new ObjectMapper();
    GenreSimilarity similarity = new GenreSimilarity(catalog);
    boolean[] served = new boolean[catalog.size()];
    boolean[] seenUser = new boolean[log.userCount()];
    LatencyRecorder gets = new LatencyRecorder("replay GET");
    LatencyRecorder posts = new LatencyRecorder("replay POST");
    int hits = 0;
    int likedHits = 0;
    int users = 0;
    double diversity = 0;
    int lists = 0;
    int[] list = new int[K];
    for (int e = 0; e < n; e++) {
      int row = (int) keys[e];
      int u = userOf(log, row);
      int userId = log.userId(u);
      long t = log.timestamp(row);
      if (!seenUser[u]) {
        seenUser[u] = true;
        users++;
      }
      long t0 = System.nanoTime();
      JsonNode body =
          json.readTree(
              send(
                  client,
                  get(server, "/v1/users/" + userId + "/recommendations?k=" + K + "&at=" + t)));
      gets.recordNanos(System.nanoTime() - t0);
      int got = 0;
      boolean hit = false;
      int movie = catalog.movieId(log.item(row));
      for (JsonNode item : body.get("items")) {
        int id = item.get("movieId").asInt();
        int idx = catalog.itemOf(id);
        served[idx] = true;
        list[got++] = idx;
        hit |= id == movie;
      }
      if (got >= 2) {
        diversity += IntraListDiversity.compute(Arrays.copyOf(list, got), similarity);
        lists++;
      }
      if (hit) {
        hits++;
        likedHits += Relevance.liked(log.rating(row)) ? 1 : 0;
      }
      t0 = System.nanoTime();
      send(
          client,
          HttpRequest.newBuilder(server.resolve("/v1/users/" + userId + "/watches"))
              .header("Content-Type", "application/json")
              .POST(
                  HttpRequest.BodyPublishers.ofString(
                      String.format(
                          Locale.ROOT,
                          "{\"movieId\": %d, \"rating\": %.1f, \"timestamp\": %d}",
                          movie,
                          log.rating(row),
                          t)))
              .build());
      posts.recordNanos(System.nanoTime() - t0);
    }
    int covered = 0;
    for (boolean b : served) {
      covered += b ? 1 : 0;
    }
    return new OnlineReplay(
        n,
        users,
        n == 0 ? Double.NaN : (double) hits / n,
        hits == 0 ? Double.NaN : (double) likedHits / hits,
        (double) covered / catalog.size(),
        lists == 0 ? Double.NaN : diversity / lists,
        n == 0 ? 0 : log.timestamp((int) keys[0]),
        n == 0 ? 0 : log.timestamp((int) keys[n - 1]),
        gets,
        posts);
  }

  /** What the replay measured, as the demo prints it. */
  public String describe() {
    return String.format(
        Locale.ROOT,
        "online replay through HTTP (%d test watches of %d users, in time order, %s to %s):"
            + " hit rate of the served top %d %.4f, watch-through proxy (>= 4 stars among hits)"
            + " %.3f, coverage %.4f, diversity %.3f; client-side p50/p99: GET %.0f/%.0f us, POST"
            + " %.0f/%.0f us",
        events,
        users,
        java.time.Instant.ofEpochSecond(firstSeconds).toString().substring(0, 10),
        java.time.Instant.ofEpochSecond(lastSeconds).toString().substring(0, 10),
        K,
        hitRate,
        watchThrough,
        coverage,
        diversity,
        getLatency.percentileMicros(50),
        getLatency.percentileMicros(99),
        postLatency.percentileMicros(50),
        postLatency.percentileMicros(99));
  }

  /** Warm users' test rows, sorted by time, then row index. */
  static long[] testRowsInTimeOrder(TimeSplit split) {
    Interactions log = split.interactions();
    int count = 0;
    for (int u = 0; u < log.userCount(); u++) {
      if (!split.isCold(u)) {
        count += log.end(u) - split.valEnd(u);
      }
    }
    long[][] rows = new long[count][];
    int i = 0;
    for (int u = 0; u < log.userCount(); u++) {
      if (!split.isCold(u)) {
        for (int r = split.valEnd(u); r < log.end(u); r++) {
          rows[i++] = new long[] {log.timestamp(r), r};
        }
      }
    }
    Arrays.sort(rows, (a, b) -> a[0] != b[0] ? Long.compare(a[0], b[0]) : Long.compare(a[1], b[1]));
    long[] out = new long[count];
    for (int j = 0; j < count; j++) {
      out[j] = rows[j][1];
    }
    return out;
  }

  static int userOf(Interactions log, int row) {
    int lo = 0;
    int hi = log.userCount() - 1;
    while (lo < hi) {
      int mid = (lo + hi + 1) >>> 1;
      if (log.start(mid) <= row) {
        lo = mid;
      } else {
        hi = mid - 1;
      }
    }
    return lo;
  }

  private static HttpRequest get(URI server, String path) {
    return HttpRequest.newBuilder(server.resolve(path)).GET().build();
  }

  private static String send(HttpClient client, HttpRequest request)
      throws IOException, InterruptedException {
    HttpResponse<String> r = client.send(request, HttpResponse.BodyHandlers.ofString());
    if (r.statusCode() != 200) {
      throw new IOException(
          request.method() + " " + request.uri() + " answered " + r.statusCode() + ": " + r.body());
    }
    return r.body();
  }
}
