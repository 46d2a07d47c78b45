package dev.mlsd.recommendation.serving;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mlsd.core.featurestore.InMemoryFeatureStore;
import dev.mlsd.core.http.JsonServer;
import dev.mlsd.recommendation.RecommendationSystem;
import dev.mlsd.recommendation.TrainedFixture;
import dev.mlsd.recommendation.data.Interactions;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Online features over a real socket: a posted watch updates the user's feature-store row exactly
 * as the batch job would from a log holding that watch (no skew), and changes the next
 * recommendation; bad watches are 4xx and change nothing.
 */
class OnlineFeaturesOverHttpTest {
  RecommendationSystem sys;
  RecommendationHttpServer http;
  JsonServer server;
  HttpClient client;
  int user;
  int userId;

  @BeforeEach
  void start() throws Exception {
    sys = TrainedFixture.system();
    http = new RecommendationHttpServer(sys.service(), sys.split());
    server = http.start(0);
    client = HttpClient.newHttpClient();
    Interactions log = sys.split().interactions();
    user = -1;
    for (int u = 0; u < log.userCount() && user < 0; u++) {
      if (!sys.split().isCold(u)) {
        user = u;
      }
    }
    userId = log.userId(user);
  }

  @AfterEach
  void stop() {
    server.close();
  }

  HttpResponse<String> get(String path) throws Exception {
    return client.send(
        HttpRequest.newBuilder(server.uri().resolve(path)).GET().build(),
        HttpResponse.BodyHandlers.ofString());
  }

  HttpResponse<String> post(String path, String json) throws Exception {
    return client.send(
        HttpRequest.newBuilder(server.uri().resolve(path))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(json))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  List<Integer> recommended() throws Exception {
    HttpResponse<String> r = get("/v1/users/" + userId + "/recommendations?k=10");
    assertEquals(200, r.statusCode(), r.body());
    List<Integer> ids = new ArrayList<>();
    Matcher m = Pattern.compile("\"movieId\":(\\d+)").matcher(r.body());
    while (m.find()) {
      ids.add(Integer.parseInt(m.group(1)));
    }
    return ids;
  }

  String watch(int movieId, double rating, long t) {
    return "{\"movieId\": " + movieId + ", \"rating\": " + rating + ", \"timestamp\": " + t + "}";
  }

  @Test
  void aPostedWatchUpdatesTheStoreLikeTheBatchJobAndChangesTheNextList() throws Exception {
    Interactions log = sys.split().interactions();
    List<Integer> before = recommended();
    float[] rowBefore = http.userState().row(user);
    // the user watches (and loves) the top recommendation, then the second one
    long t = http.now() + 60;
    int first = before.get(0);
    int second = before.get(1);
    HttpResponse<String> r = post("/v1/users/" + userId + "/watches", watch(first, 5.0, t));
    assertEquals(200, r.statusCode(), r.body());
    int length = log.end(user) - log.start(user);
    assertTrue(r.body().contains("\"historyLength\":" + (length + 1)), r.body());
    r = post("/v1/users/" + userId + "/watches", watch(second, 4.5, t + 60));
    assertEquals(200, r.statusCode(), r.body());
    assertTrue(r.body().contains("\"posted\":2"), r.body());

    List<Integer> after = recommended();
    assertFalse(after.contains(first), "a watched video came back: " + after);
    assertFalse(after.contains(second), "a watched video came back: " + after);
    assertNotEquals(before, after);
    float[] online = http.userState().row(user);
    assertFalse(java.util.Arrays.equals(rowBefore, online), "the stored row did not change");

    // skew test: the batch job over a log that holds the two watches writes the same row
    Interactions grown =
        withWatches(
            log,
            user,
            new int[] {sys.data().catalog().itemOf(first), sys.data().catalog().itemOf(second)},
            new float[] {5f, 4.5f},
            new long[] {t, t + 60});
    UserStateFeatures batch =
        new UserStateFeatures(
            new InMemoryFeatureStore(),
            sys.service().models().tower().dimension(),
            sys.service().models().wals().factors());
    batch.materialise(sys.service(), grown, new int[] {user}, t + 60);
    assertArrayEquals(batch.row(user), online, 0f);
  }

  @Test
  void badWatchesAre4xxAndChangeNothing() throws Exception {
    float[] row = http.userState().row(user);
    long t = http.now() + 60;
    String path = "/v1/users/" + userId + "/watches";
    assertEquals(404, post("/v1/users/999999/watches", watch(1, 4, t)).statusCode());
    assertEquals(400, post("/v1/users/abc/watches", watch(1, 4, t)).statusCode());
    assertEquals(404, post("/v1/users/" + userId + "/likes", watch(1, 4, t)).statusCode());
    int movie = sys.data().catalog().movieId(0);
    String[] bad = {
      watch(424242, 4, t), // unknown movie
      watch(movie, 9, t), // rating out of range
      watch(movie, 4, -1), // negative time
      watch(movie, 4, 1), // before the user's previous watch
      "{\"movieId\": " + movie + ", \"rating\": 4}", // missing timestamp
      "not json"
    };
    for (String b : bad) {
      HttpResponse<String> r = post(path, b);
      assertEquals(400, r.statusCode(), b + " -> " + r.body());
      assertTrue(r.body().contains("error"), r.body());
    }
    assertArrayEquals(row, http.userState().row(user), 0f);
  }

  /** A copy of {@code log} with watches appended to user {@code u}'s rows. */
  static Interactions withWatches(
      Interactions log, int u, int[] items, float[] ratings, long[] times) {
    int n = log.size() + items.length;
    int[] it = new int[n];
    float[] ra = new float[n];
    long[] ts = new long[n];
    int[] ids = new int[log.userCount()];
    int[] start = new int[log.userCount() + 1];
    int w = 0;
    for (int v = 0; v < log.userCount(); v++) {
      ids[v] = log.userId(v);
      start[v] = w;
      for (int r = log.start(v); r < log.end(v); r++, w++) {
        it[w] = log.item(r);
        ra[w] = log.rating(r);
        ts[w] = log.timestamp(r);
      }
      if (v == u) {
        for (int j = 0; j < items.length; j++, w++) {
          it[w] = items[j];
          ra[w] = ratings[j];
          ts[w] = times[j];
        }
      }
    }
    start[log.userCount()] = w;
    return new Interactions(ids, start, it, ra, ts);
  }
}
