package dev.mlsd.adctr.serving;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mlsd.adctr.data.Impression;
import dev.mlsd.adctr.features.EncodedRows;
import dev.mlsd.core.featurestore.InMemoryFeatureStore;
import dev.mlsd.core.serving.ModelHolder;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Live traffic moves the monitors on {@code /metrics}. Drift: the server attaches the drift monitor
 * to the pipeline, so PSI follows the requests: the server attaches it to the pipeline, so PSI on
 * {@code /metrics} follows the traffic. A replay of the next real impressions stays near the
 * training distribution; the same replay with every numeric field scaled by 1000 (a unit change
 * upstream) drives the numeric fields' PSI far past the 0.25 "drift" line. Calibration: outcomes
 * reported to {@code /v1/ads/feedback} move the predicted/observed ratio. Over a real socket.
 */
class LiveDriftOverHttpTest {
  static final HttpClient HTTP = HttpClient.newHttpClient();
  static final ObjectMapper JSON = new ObjectMapper();
  static final Pattern PSI =
      Pattern.compile("mlsd_drift_psi\\{[^}]*feature=\"(I\\d+)\"[^}]*\\} (\\S+)");

  @Test
  void psiOnMetricsMovesUnderAShiftedReplay() throws Exception {
    ServingFixture fx = new ServingFixture();
    List<Impression> history = fx.log.rows().subList(0, fx.next);
    EncodedRows train = EncodedRows.of(fx.pipeline, history, fx.ctr.sequential(history));
    float[] trainPredictions = new float[train.size()];
    SplittableRandom r = new SplittableRandom(3);
    for (int i = 0; i < trainPredictions.length; i++) {
      trainPredictions[i] = (float) r.nextDouble();
    }
    ServingMonitor monitor = ServingMonitor.fromTraining(fx.pipeline, train, trainPredictions);
    monitor.observe(train, trainPredictions); // an offline window the server must not report
    try (InMemoryFeatureStore store = new InMemoryFeatureStore()) {
      AdFeatures.materialise(store, fx.catalogue, fx.ctr, history);
      ModelHolder<ServedModel> holder = new ModelHolder<>(fx.model(), ServingFixture.card());
      AdPipeline ads = new AdPipeline(fx.pipeline, fx.catalogue, store, holder, 500, 2);
      try (AdServer server = AdServer.start(ads, fx.catalogue, store, holder, monitor, 0)) {
        assertEquals(0, monitor.drift().observations(0), "a new window when the server starts");
        List<Impression> replay = fx.log.rows().subList(fx.next, fx.next + 300);
        for (Impression imp : replay) {
          assertEquals(200, post(server, AdServer.exampleBody(fx.catalogue, imp, 5)));
        }
        Map<String, Double> before = numericPsi(server);
        assertEquals(replay.size(), monitor.drift().observations(0));
        double maxBefore =
            before.values().stream().mapToDouble(Double::doubleValue).max().orElseThrow();
        assertTrue(maxBefore < 0.25, "the unshifted replay is stable: " + before);

        for (Impression imp : replay) {
          ObjectNode body = (ObjectNode) JSON.readTree(AdServer.exampleBody(fx.catalogue, imp, 5));
          ObjectNode numeric = (ObjectNode) body.get("numeric");
          for (Iterator<String> it = numeric.fieldNames(); it.hasNext(); ) {
            String f = it.next();
            numeric.put(f, numeric.get(f).asDouble() * 1000 + 1000);
          }
          assertEquals(200, post(server, JSON.writeValueAsString(body)));
        }
        Map<String, Double> after = numericPsi(server);
        int drifted = 0;
        for (Map.Entry<String, Double> e : after.entrySet()) {
          assertTrue(
              e.getValue() >= before.get(e.getKey()), e.getKey() + ": " + before + " -> " + after);
          drifted += e.getValue() > 0.25 ? 1 : 0;
        }
        assertTrue(drifted >= after.size() / 2, "most numeric fields past 0.25: " + after);
      }
    }
  }

  @Test
  void reportedOutcomesMoveCalibrationOnMetrics() throws Exception {
    ServingFixture fx = new ServingFixture();
    List<Impression> history = fx.log.rows().subList(0, fx.next);
    EncodedRows train = EncodedRows.of(fx.pipeline, history, fx.ctr.sequential(history));
    ServingMonitor monitor =
        ServingMonitor.fromTraining(fx.pipeline, train, new float[train.size()]);
    try (InMemoryFeatureStore store = new InMemoryFeatureStore()) {
      AdFeatures.materialise(store, fx.catalogue, fx.ctr, history);
      ModelHolder<ServedModel> holder = new ModelHolder<>(fx.model(), ServingFixture.card());
      AdPipeline ads = new AdPipeline(fx.pipeline, fx.catalogue, store, holder, 500, 2);
      try (AdServer server = AdServer.start(ads, fx.catalogue, store, holder, monitor, 0)) {
        // 100 ads served at pClick 0.2, 20 clicked: predicted 20, observed 20, ratio 1
        for (int i = 0; i < 100; i++) {
          assertEquals(200, feedback(server, "{\"pClick\": 0.2, \"clicked\": " + (i < 20) + "}"));
        }
        assertEquals(1.0, metric(server, "mlsd_calibration_predicted_observed_ratio"), 1e-6);
        // 100 more, none clicked: the model now over-predicts twice
        for (int i = 0; i < 100; i++) {
          assertEquals(200, feedback(server, "{\"pClick\": 0.2, \"clicked\": false}"));
        }
        assertEquals(2.0, metric(server, "mlsd_calibration_predicted_observed_ratio"), 1e-6);
        assertEquals(1.0, metric(server, "mlsd_calibration_drift"), 1e-6);
        assertEquals(200, monitor.calibration().count());
        // bad feedback is a 400, and nothing is recorded
        assertEquals(400, feedback(server, "{\"pClick\": 1.5, \"clicked\": true}"));
        assertEquals(400, feedback(server, "{\"clicked\": true}"));
        assertEquals(200, monitor.calibration().count());
      }
    }
  }

  static int feedback(AdServer server, String body) throws Exception {
    return HTTP.send(
            HttpRequest.newBuilder(server.uri().resolve("/v1/ads/feedback"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build(),
            HttpResponse.BodyHandlers.ofString())
        .statusCode();
  }

  /** The first sample of a metric on {@code /metrics}. */
  static double metric(AdServer server, String name) throws Exception {
    String text =
        HTTP.send(
                HttpRequest.newBuilder(URI.create(server.uri() + "/metrics")).GET().build(),
                HttpResponse.BodyHandlers.ofString())
            .body();
    Matcher m = Pattern.compile("(?m)^" + name + "\\{[^}]*\\} (\\S+)").matcher(text);
    assertTrue(m.find(), name + " on /metrics");
    return Double.parseDouble(m.group(1));
  }

  static int post(AdServer server, String body) throws Exception {
    return HTTP.send(
            HttpRequest.newBuilder(server.uri().resolve("/v1/ads/rank"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build(),
            HttpResponse.BodyHandlers.ofString())
        .statusCode();
  }

  /** PSI of the numeric fields (I1..I13) as {@code /metrics} reports them. */
  static Map<String, Double> numericPsi(AdServer server) throws Exception {
    String text =
        HTTP.send(
                HttpRequest.newBuilder(URI.create(server.uri() + "/metrics")).GET().build(),
                HttpResponse.BodyHandlers.ofString())
            .body();
    Map<String, Double> psi = new HashMap<>();
    Matcher m = PSI.matcher(text);
    while (m.find()) {
      psi.put(m.group(1), Double.parseDouble(m.group(2)));
    }
    assertEquals(13, psi.size(), "13 numeric fields on /metrics");
    return psi;
  }
}
