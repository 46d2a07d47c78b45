package dev.mlsd.recommendation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mlsd.recommendation.data.Catalog;
import dev.mlsd.recommendation.data.Interactions;
import dev.mlsd.recommendation.data.TimeSplit;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Step 7 as a client sees it, over a real socket: a known user's recommendations with titles
 * (beside the user's last ratings), an anonymous request from a short history, three bad requests
 * (each a 4xx with a one-line reason) and {@code /health}.
 *
 * @param lines what happened, one line each, for the demo to print
 * @param sampleUser the known user asked for
 * @param recommended that user's recommendations: title and genres, best first
 * @param anonymous the anonymous request's recommendations
 */
public record HttpWalkthrough(
    List<String> lines,
    int sampleUser,
    List<List<String>> recommended,
    List<List<String>> anonymous) {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String ANONYMOUS =
      "{\"history\": [{\"movieId\": 1, \"rating\": 5.0}, {\"movieId\": 2355, \"rating\": 4.5},"
          + " {\"movieId\": 4886, \"rating\": 4.0}], \"timestamp\": 1537800000, \"k\": 5}";

  /**
   * Sends the requests to the server at {@code base}.
   *
   * @throws IllegalStateException if a request that must succeed does not
   */
  public static HttpWalkthrough run(RecommendationSystem sys, URI base)
      throws IOException, InterruptedException {
    // closed at the end so that no idle connection holds up the server's stop
    try (HttpClient client = HttpClient.newHttpClient()) {
      return walk(sys, base, client);
    }
  }

  private static HttpWalkthrough walk(RecommendationSystem sys, URI base, HttpClient client)
      throws IOException, InterruptedException {
    Catalog catalog = sys.data().catalog();
    List<String> lines = new ArrayList<>();
    int user = sampleUser(sys.split());
    String get = "/v1/users/" + user + "/recommendations?k=10";
    HttpResponse<String> r = send(client, base, get, null);
    lines.add("GET " + get + " -> " + r.statusCode());
    Interactions log = sys.split().interactions();
    int u = log.userOf(user);
    lines.add("user " + user + " has " + (log.end(u) - log.start(u)) + " ratings; the last five:");
    for (int row = Math.max(log.start(u), log.end(u) - 5); row < log.end(u); row++) {
      lines.add(
          String.format(
              Locale.ROOT,
              "  %.1f stars  %-52s %s",
              log.rating(row),
              catalog.title(log.item(row)),
              catalog.genresText(log.item(row))));
    }
    List<List<String>> recommended = items(r, "the known user's request");
    lines.add("recommended:");
    recommended.forEach(
        it -> lines.add(String.format(Locale.ROOT, "  %-60s %s", it.get(0), it.get(1))));
    HttpResponse<String> a = send(client, base, "/v1/recommendations", ANONYMOUS);
    lines.add(
        "POST /v1/recommendations (anonymous: Toy Story, A Bug's Life, Monsters Inc.) -> "
            + a.statusCode());
    List<List<String>> anonymous = items(a, "the anonymous request");
    anonymous.forEach(
        it -> lines.add(String.format(Locale.ROOT, "  %-60s %s", it.get(0), it.get(1))));
    for (String bad :
        new String[] {
          "/v1/users/999999/recommendations?k=10",
          "/v1/users/1/recommendations?k=0",
          "/v1/users/abc/recommendations"
        }) {
      HttpResponse<String> e = send(client, base, bad, null);
      lines.add("GET " + bad + " -> " + e.statusCode() + " " + e.body());
    }
    HttpResponse<String> h = send(client, base, "/health", null);
    lines.add("GET /health -> " + h.statusCode() + " " + h.body());
    return new HttpWalkthrough(List.copyOf(lines), user, recommended, anonymous);
  }

  /** A known, not cold-start user with 40 to 80 ratings (the first such; else the first user). */
  static int sampleUser(TimeSplit split) {
    Interactions log = split.interactions();
    for (int u = 0; u < log.userCount(); u++) {
      int n = log.end(u) - log.start(u);
      if (!split.isCold(u) && n >= 40 && n <= 80) {
        return log.userId(u);
      }
    }
    return log.userId(0);
  }

  private static List<List<String>> items(HttpResponse<String> r, String what) throws IOException {
    if (r.statusCode() != 200) {
      throw new IllegalStateException(what + " failed: " + r.statusCode() + " " + r.body());
    }
    List<List<String>> out = new ArrayList<>();
    for (JsonNode it : JSON.readTree(r.body()).get("items")) {
      out.add(List.of(it.get("title").asText(), it.get("genres").asText()));
    }
    return out;
  }

  private static HttpResponse<String> send(HttpClient c, URI base, String path, String json)
      throws IOException, InterruptedException {
    HttpRequest.Builder b = HttpRequest.newBuilder(base.resolve(path));
    if (json != null) {
      b.header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json));
    }
    return c.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }
}
