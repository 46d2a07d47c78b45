package dev.mlsd.adctr.serving;

import dev.mlsd.adctr.features.EncodedRows;
import dev.mlsd.adctr.features.FeaturePipeline;
import dev.mlsd.adctr.features.HistoricalCtr;
import dev.mlsd.adctr.features.LogBucketizer;
import dev.mlsd.core.monitoring.CalibrationMonitor;
import dev.mlsd.core.monitoring.DriftMonitor;
import dev.mlsd.core.serving.Candidates;
import dev.mlsd.core.serving.PipelineObserver;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Monitoring for the ad model: the population stability index (PSI) of every dense feature (the
 * log-transformed numeric fields and the four historical CTRs) and of the predictions, a later
 * period against the training period, on core's {@link DriftMonitor} (10 bins on training
 * quantiles). The demo feeds it the test split offline ({@link #observe(EncodedRows, float[])});
 * the server attaches it to the pipeline as a {@link PipelineObserver}, so that live requests move
 * it ({@link #served}), and exposes it on {@code /metrics}.
 *
 * <p>Live observations: per request, its log-transformed numeric fields once; per served ad, its
 * four historical CTRs (the hydrated batch features, -1 for no history) and its calibrated
 * prediction. The served ads are the top of each ranking, so the prediction's PSI against the
 * training impressions is a level to watch move, not one expected to be 0.
 *
 * <p>Reading PSI: below 0.1 stable, 0.1 to 0.25 worth watching, above 0.25 a shift that calls for
 * retraining.
 *
 * <p>Book: chapter 8, "Monitoring"; chapter 1 (data drift).
 *
 * <p>Thread safety: as {@link DriftMonitor} (observations from any thread).
 */
public final class ServingMonitor implements PipelineObserver<AdRequest> {
  private final DriftMonitor drift;
  private final int denseWidth;
  // the served model is Platt-calibrated on validation, so its reference ratio is 1
  private final CalibrationMonitor calibration = new CalibrationMonitor(1.0, 10);

  private ServingMonitor(DriftMonitor drift, int denseWidth) {
    this.drift = drift;
    this.denseWidth = denseWidth;
  }

  /**
   * A monitor whose reference is the training period.
   *
   * @param train training rows (their dense features)
   * @param trainPredictions the served model's predictions on them
   */
  public static ServingMonitor fromTraining(
      FeaturePipeline pipeline, EncodedRows train, float[] trainPredictions) {
    List<String> names = new ArrayList<>(pipeline.schema().numericFields());
    names.addAll(HistoricalCtr.NAMES);
    DriftMonitor.Builder b = DriftMonitor.builder(10);
    int w = pipeline.denseWidth();
    for (int j = 0; j < w; j++) {
      float[] col = new float[train.size()];
      for (int i = 0; i < col.length; i++) {
        col[i] = train.dense()[i][j];
      }
      b.feature(names.get(j), col);
    }
    b.feature("prediction", trainPredictions);
    return new ServingMonitor(b.build(), w);
  }

  /** Observes a later period: its dense features and the model's predictions on it. */
  public void observe(EncodedRows rows, float[] predictions) {
    for (int i = 0; i < rows.size(); i++) {
      drift.observeRow(rows.dense()[i], 0, denseWidth);
      drift.observe(denseWidth, predictions[i]);
    }
  }

  @Override
  public void served(AdRequest query, Candidates results) {
    int numeric = denseWidth - FeaturePipeline.BATCH_FIELDS;
    float[] values = query.numeric();
    for (int f = 0; f < numeric; f++) {
      drift.observe(f, LogBucketizer.logValue(values[f]));
    }
    float[] features = results.features();
    for (int pos = 0; pos < results.size(); pos++) {
      int o = results.featureOffset(pos);
      for (int j = 0; j < FeaturePipeline.BATCH_FIELDS; j++) {
        float v = features[o + j];
        drift.observe(numeric + j, Float.isNaN(v) ? -1f : v);
      }
      drift.observe(denseWidth, results.score(pos));
    }
  }

  /** Forgets every serving observation so far: the next ones start a new window. */
  public void startNewWindow() {
    drift.resetServing();
  }

  /**
   * Calibration on labelled live traffic: the server records each outcome reported to {@code POST
   * /v1/ads/feedback} (the served pClick and whether the ad was clicked); predicted/observed ratio,
   * its drift from 1 and the ECE go to {@code /metrics}.
   */
  public CalibrationMonitor calibration() {
    return calibration;
  }

  /** The core monitor (for {@code /metrics}). */
  public DriftMonitor drift() {
    return drift;
  }

  /** PSI per watched feature, in order, predictions last. */
  public Map<String, Double> psiMap() {
    Map<String, Double> m = new LinkedHashMap<>();
    for (int f = 0; f < drift.features(); f++) {
      m.put(drift.featureName(f), drift.psi(f));
    }
    return m;
  }

  /** A text table: feature, PSI, verdict. */
  public String report() {
    StringBuilder sb = new StringBuilder();
    for (Map.Entry<String, Double> e : psiMap().entrySet()) {
      double v = e.getValue();
      sb.append(
          String.format(
              Locale.ROOT,
              "%-24s PSI %.4f  %s%n",
              e.getKey(),
              v,
              v < 0.1 ? "stable" : v < 0.25 ? "watch" : "DRIFT"));
    }
    return sb.toString();
  }
}
