package dev.mlsd.adctr.serving;

import dev.mlsd.adctr.data.AdSchema;
import dev.mlsd.adctr.data.Impression;
import dev.mlsd.core.featurestore.FeatureStore;
import dev.mlsd.core.http.BadRequestException;
import dev.mlsd.core.http.Json;
import dev.mlsd.core.http.JsonServer;
import dev.mlsd.core.monitoring.ServingMetrics;
import dev.mlsd.core.serving.Candidates;
import dev.mlsd.core.serving.ModelHolder;
import java.io.IOException;
import java.net.URI;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The HTTP face of the ad pipeline, on core's {@link JsonServer} (127.0.0.1 only):
 *
 * <ul>
 *   <li>{@code POST /v1/ads/rank} with {@code {"context": {"C5": "...", ...}, "numeric": {"I1": 3,
 *       ...}, "k": 10}}: the request side of an impression (both maps are required, may be empty;
 *       every field inside is optional, a missing one is missing); answers the top-k ads with
 *       calibrated click probabilities. Unknown fields, ad-side fields (the server chooses the ad),
 *       non-finite numbers or k outside [1, 100] are 400 with a one-line reason;
 *   <li>{@code GET /health}, {@code GET /metrics} (Prometheus: per-stage latency, feature store,
 *       model version, PSI of features and predictions over the requests served since start: the
 *       monitor observes every request through the pipeline's observer hook);
 *   <li>{@code GET /v1/monitoring}: the PSI table as JSON;
 *   <li>{@code POST /v1/ads/feedback} with {@code {"pClick": 0.031, "clicked": false}}: an outcome
 *       of a served ad (from the click log); feeds the calibration monitor (predicted/observed
 *       ratio, its drift, ECE on {@code /metrics}). Missing fields or a pClick outside [0, 1] are
 *       400.
 * </ul>
 *
 * <p>Thread safety: requests run on the server's fixed worker pool; the pipeline keeps per-thread
 * scratch.
 */
public final class AdServer implements AutoCloseable {
  /** Most ads one request may ask for. */
  public static final int MAX_K = 100;

  /**
   * The request body.
   *
   * @param context request-side categorical fields by name
   * @param numeric numeric fields by name
   * @param k ads wanted, 1 to {@value #MAX_K}
   */
  public record RankRequest(Map<String, String> context, Map<String, Double> numeric, int k) {}

  /**
   * One returned ad.
   *
   * @param ad the ad id (catalogue index)
   * @param advertiser the advertiser index
   * @param pClick calibrated click probability
   */
  public record RankedAd(int ad, int advertiser, float pClick) {}

  /**
   * The response body.
   *
   * @param model the served model's version
   * @param ads the top ads, best first
   */
  public record RankResponse(String model, List<RankedAd> ads) {}

  /**
   * An outcome reported for a served ad (from the click log), for calibration monitoring.
   *
   * @param pClick the pClick the server returned for it, in [0, 1]
   * @param clicked whether it was clicked
   */
  public record Feedback(Float pClick, Boolean clicked) {}

  /**
   * The feedback answer.
   *
   * @param recorded labelled predictions recorded so far
   */
  public record FeedbackResponse(long recorded) {}

  private final JsonServer server;
  private final AdPipeline ads;
  private final ServingMonitor monitor;

  private AdServer(JsonServer server, AdPipeline ads, ServingMonitor monitor) {
    this.server = server;
    this.ads = ads;
    this.monitor = monitor;
  }

  /**
   * Starts the server on 127.0.0.1 with the server's default limits (4 workers).
   *
   * @param port 0 for any free port
   */
  public static AdServer start(
      AdPipeline ads,
      AdCatalogue catalogue,
      FeatureStore store,
      ModelHolder<ServedModel> model,
      ServingMonitor monitor,
      int port)
      throws IOException {
    return start(ads, catalogue, store, model, monitor, port, null);
  }

  /**
   * Starts the server on 127.0.0.1.
   *
   * @param port 0 for any free port
   * @param limits workers, queue and longest queue wait, or null for the server's defaults
   */
  public static AdServer start(
      AdPipeline ads,
      AdCatalogue catalogue,
      FeatureStore store,
      ModelHolder<ServedModel> model,
      ServingMonitor monitor,
      int port,
      JsonServer.Limits limits)
      throws IOException {
    ServingMetrics metrics = new ServingMetrics();
    if (monitor != null) {
      metrics.bindDrift(monitor.drift());
    }
    JsonServer.Builder b =
        JsonServer.builder("ad-ctr")
            .port(port)
            .metrics(metrics)
            .post("/v1/ads/rank", RankRequest.class, r -> rank(ads, catalogue, parse(catalogue, r)))
            .model("ad-ctr", model)
            .pipeline(ads.pipeline())
            .featureStore("adctr_ad", store)
            .health("ads", catalogue::size);
    if (limits != null) {
      b.limits(limits);
    }
    if (monitor != null) {
      b.get("/v1/monitoring", monitor::psiMap);
      b.calibration("ad-ctr", monitor.calibration());
      b.post("/v1/ads/feedback", Feedback.class, f -> feedback(monitor, f));
      // live traffic from now on: a new window, fed by every request the pipeline serves
      monitor.startNewWindow();
      ads.pipeline().addObserver(monitor);
    }
    try {
      return new AdServer(b.start(), ads, monitor);
    } catch (IOException | RuntimeException e) {
      if (monitor != null) {
        ads.pipeline().removeObserver(monitor);
      }
      throw e;
    }
  }

  /** The core server underneath (its queue wait and per-endpoint latency, for load tests). */
  public JsonServer server() {
    return server;
  }

  /** {@code http://127.0.0.1:port}. */
  public URI uri() {
    return server.uri();
  }

  @Override
  public void close() {
    if (monitor != null) {
      ads.pipeline().removeObserver(monitor);
    }
    server.close();
  }

  /**
   * Turns a request body into an {@link AdRequest}.
   *
   * @throws BadRequestException (400) with a one-line reason for anything invalid
   */
  static AdRequest parse(AdCatalogue catalogue, RankRequest r) {
    AdSchema s = catalogue.schema();
    if (r.k() < 1 || r.k() > MAX_K) {
      throw BadRequestException.badRequest("k must be in [1, " + MAX_K + "], got " + r.k());
    }
    String[] cat = new String[s.categoricalFields().size()];
    Arrays.fill(cat, "");
    if (r.context() != null) {
      for (Map.Entry<String, String> e : r.context().entrySet()) {
        int i = s.categoricalFields().indexOf(e.getKey());
        if (i < 0) {
          throw BadRequestException.badRequest(
              "unknown context field '" + oneLine(e.getKey()) + "'");
        }
        if (s.isAdSide(i)) {
          throw BadRequestException.badRequest(
              "'" + e.getKey() + "' is an ad-side field; the server chooses the ad");
        }
        if (e.getValue() == null || e.getValue().length() > 256) {
          throw BadRequestException.badRequest(
              "context field '" + e.getKey() + "' must be a string of at most 256 chars");
        }
        cat[i] = e.getValue();
      }
    }
    float[] num = new float[s.numericFields().size()];
    Arrays.fill(num, Float.NaN);
    if (r.numeric() != null) {
      for (Map.Entry<String, Double> e : r.numeric().entrySet()) {
        int i = s.numericFields().indexOf(e.getKey());
        if (i < 0) {
          throw BadRequestException.badRequest(
              "unknown numeric field '" + oneLine(e.getKey()) + "'");
        }
        Double v = e.getValue();
        if (v == null || v.isNaN() || v.isInfinite() || Math.abs(v) > 1e12) {
          throw BadRequestException.badRequest(
              "numeric field '" + e.getKey() + "' must be a finite number");
        }
        num[i] = v.floatValue();
      }
    }
    return new AdRequest(
        num, cat, catalogue.targetingValue(cat[catalogue.targetingField()]), r.k());
  }

  private static String oneLine(String s) {
    return Json.oneLine(s.length() > 64 ? s.substring(0, 64) + "..." : s);
  }

  private static RankResponse rank(AdPipeline ads, AdCatalogue catalogue, AdRequest q) {
    Candidates top = ads.serve(q);
    // the version that scored these candidates, even if a swap landed during the request
    String version = top.scoredBy() == null ? null : top.scoredBy().version();
    RankedAd[] out = new RankedAd[top.size()];
    for (int pos = 0; pos < out.length; pos++) {
      int ad = top.id(pos);
      out[pos] = new RankedAd(ad, catalogue.advertiser(ad), top.score(pos));
    }
    return new RankResponse(version, List.of(out));
  }

  private static FeedbackResponse feedback(ServingMonitor monitor, Feedback f) {
    if (f.pClick() == null || f.clicked() == null) {
      throw BadRequestException.badRequest("feedback needs pClick and clicked");
    }
    float p = f.pClick();
    if (!(p >= 0f && p <= 1f)) {
      throw BadRequestException.badRequest("pClick must be in [0, 1], got " + f.pClick());
    }
    monitor.calibration().record(p, f.clicked());
    return new FeedbackResponse(monitor.calibration().count());
  }

  /** A request body made from a real impression's request side (for examples and load tests). */
  public static String exampleBody(AdCatalogue catalogue, Impression r, int k) {
    AdSchema s = catalogue.schema();
    Map<String, Object> body = new LinkedHashMap<>();
    Map<String, String> ctx = new LinkedHashMap<>();
    for (int i = 0; i < s.categoricalFields().size(); i++) {
      if (!s.isAdSide(i) && !r.categorical()[i].isEmpty()) {
        ctx.put(s.categoricalFields().get(i), r.categorical()[i]);
      }
    }
    Map<String, Double> num = new LinkedHashMap<>();
    for (int i = 0; i < s.numericFields().size(); i++) {
      if (!Float.isNaN(r.numeric()[i])) {
        num.put(s.numericFields().get(i), (double) r.numeric()[i]);
      }
    }
    body.put("context", ctx);
    body.put("numeric", num);
    body.put("k", k);
    try {
      return Json.mapper().writeValueAsString(body);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
