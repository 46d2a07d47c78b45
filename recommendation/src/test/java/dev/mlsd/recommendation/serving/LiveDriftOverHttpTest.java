package dev.mlsd.recommendation.serving;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mlsd.core.http.JsonServer;
import dev.mlsd.core.monitoring.DriftMonitor;
import dev.mlsd.recommendation.RecommendationSystem;
import dev.mlsd.recommendation.TrainedFixture;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Live requests move the recommender's drift monitor on {@code /metrics}. The ranker trained on
 * history prefixes, so known users served with their whole history are already far from the
 * training distribution of the user-history feature (PSI above the 0.25 "drift" line); a replay
 * shifted to the shortest histories the ranker serves (one row past the cold-start fallback's
 * cut-off) then moves that PSI by more than 1. Over a real socket.
 */
class LiveDriftOverHttpTest {
  static final HttpClient HTTP = HttpClient.newHttpClient();

  @Test
  void psiOnMetricsMovesUnderAShiftedReplay() throws Exception {
    RecommendationSystem s = TrainedFixture.system();
    // a service of its own: the fixture's pipeline is shared with the other tests
    RecommendationService service =
        new RecommendationService(s.service().models(), s.service().params());
    DriftMonitor drift = RankingDrift.fromTraining(s.rankingData(), s.ranker().exported());
    RecommendationHttpServer http =
        new RecommendationHttpServer(service, s.split()).monitorDrift(drift);
    var log = s.split().interactions();
    int history = drift.indexOf("user_history");
    try (JsonServer server = http.start(0)) {
      assertTrue(Double.isNaN(psi(server, "user_history")), "no traffic yet");
      int served = 0;
      for (int u = 0; u < log.userCount(); u++) {
        if (!s.split().isCold(u)) {
          assertEquals(200, get(server, "/v1/users/" + log.userId(u) + "/recommendations?k=5"));
          served += 5;
        }
      }
      assertEquals(served, drift.observations(history));
      double before = psi(server, "user_history");
      // the shortest history the ranker serves: one row past the cold-start fallback's cut-off
      // (at or below it, popularity answers and the ranker, and so its monitor, is not asked)
      int rows = service.params().fallbackHistory() + 1;
      StringBuilder body = new StringBuilder("{\"history\": [");
      for (int r = 0; r < rows; r++) {
        int movie = s.service().models().catalog().movieId(r);
        body.append(r == 0 ? "" : ", ").append("{\"movieId\": ").append(movie);
        body.append(", \"rating\": 4.0}");
      }
      body.append("], \"timestamp\": 1100000000, \"k\": 5}");
      for (int i = 0; i < 3 * log.userCount(); i++) {
        assertEquals(200, post(server, body.toString()));
      }
      double after = psi(server, "user_history");
      assertTrue(before > 0.25, "whole histories against training prefixes: " + before);
      assertTrue(Math.abs(after - before) > 1, "user_history PSI " + before + " -> " + after);
      assertEquals(served + 5L * 3 * log.userCount(), drift.observations(history));
    }
  }

  static int get(JsonServer server, String path) throws Exception {
    return HTTP.send(
            HttpRequest.newBuilder(server.uri().resolve(path)).GET().build(),
            HttpResponse.BodyHandlers.ofString())
        .statusCode();
  }

  static int post(JsonServer server, String json) throws Exception {
    return HTTP.send(
            HttpRequest.newBuilder(server.uri().resolve("/v1/recommendations"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json))
                .build(),
            HttpResponse.BodyHandlers.ofString())
        .statusCode();
  }

  /** One feature's PSI as {@code /metrics} reports it (NaN before any observation). */
  static double psi(JsonServer server, String feature) throws Exception {
    String text =
        HTTP.send(
                HttpRequest.newBuilder(server.uri().resolve("/metrics")).GET().build(),
                HttpResponse.BodyHandlers.ofString())
            .body();
    Matcher m =
        Pattern.compile("mlsd_drift_psi\\{[^}]*feature=\"" + feature + "\"[^}]*\\} (\\S+)")
            .matcher(text);
    assertTrue(m.find(), feature + " on /metrics");
    return Double.parseDouble(m.group(1));
  }
}
