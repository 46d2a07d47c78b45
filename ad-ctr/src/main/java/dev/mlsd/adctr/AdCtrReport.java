package dev.mlsd.adctr;

import dev.mlsd.adctr.AdCtrSystem.Data;
import dev.mlsd.adctr.AdCtrSystem.Evaluation;
import dev.mlsd.adctr.AdCtrSystem.Export;
import dev.mlsd.adctr.AdCtrSystem.Models;
import dev.mlsd.adctr.AdCtrSystem.Serving;
import dev.mlsd.adctr.evaluation.ContinualLearningReplay;
import dev.mlsd.adctr.evaluation.ModelComparison;
import dev.mlsd.adctr.evaluation.ModelMetrics;
import dev.mlsd.adctr.evaluation.RollingOriginEvaluation;
import dev.mlsd.adctr.model.NeuralClickModel;
import dev.mlsd.core.io.ModelCard;
import dev.mlsd.core.monitoring.LatencyRecorder;
import dev.mlsd.core.report.Curves;
import dev.mlsd.core.report.HistogramSeries;
import dev.mlsd.core.report.Interval;
import dev.mlsd.core.report.Report;
import dev.mlsd.core.report.Series;
import dev.mlsd.core.results.Latency;
import dev.mlsd.core.results.Machine;
import dev.mlsd.core.results.Metric;
import dev.mlsd.core.results.ModelResult;
import dev.mlsd.core.results.ModuleResults;
import dev.mlsd.core.results.Role;
import dev.mlsd.core.serving.Stage;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What one run of the system measured, as the module's typed results ({@code results.json}, the
 * schema of {@code docs/results-schema.md}) and its {@code report.html}: the models table with
 * intervals, ROC and precision-recall curves per model, the reliability diagram, AUC with its
 * bootstrap interval per model, validation loss per epoch of the neural models, rolling origin,
 * continual learning, the model card, latency per serving stage and drift.
 *
 * <p>Book: chapter 8, "Evaluation" and "Serving".
 */
public final class AdCtrReport {
  /** The book's latency budget for one ad request, milliseconds. */
  public static final double BUDGET_MS = 10.0;

  private AdCtrReport() {}

  /**
   * The typed results: the background CTR (trivial), LR (baseline), the other models (candidate)
   * and the served one with its latency; rolling origin, continual learning, per-stage latency and
   * PSI under {@code extra}.
   */
  public static ModuleResults results(AdCtrSystem.Run run) {
    Data d = run.data();
    Models m = run.models();
    Evaluation ev = run.evaluation();
    Export ex = run.export();
    Serving s = run.serving();
    Serving.Latency latency = run.latency();
    List<ModelResult> models = new ArrayList<>();
    models.add(ModelResult.of(m.background().name(), Role.TRIVIAL, metrics(m.background())));
    for (ModelComparison.Entry e : m.entries()) {
      boolean served = e == m.served();
      Role role =
          served
              ? Role.SERVED
              : e.spec() == m.lineup().getFirst() && e.negativeRate() >= 1
                  ? Role.BASELINE
                  : Role.CANDIDATE;
      LatencyRecorder t = latency.total();
      models.add(
          new ModelResult(
              e.metrics().name(),
              role,
              metrics(e.metrics()),
              served
                  ? Latency.ofMicros(
                      t.percentileMicros(50),
                      t.percentileMicros(99),
                      t.percentileMicros(99.9),
                      t.count())
                  : null));
    }
    Map<String, Object> extra = new LinkedHashMap<>();
    extra.put("served_model", m.served().spec().name());
    extra.put("latency_budget_ms", BUDGET_MS);
    extra.put("interval", "auc: 95% bootstrap percentile interval over test rows");
    Map<String, Object> seeds = new LinkedHashMap<>();
    for (ModelComparison.Entry e : m.entries()) {
      if (e.seedAuc().length > 1) {
        seeds.put(
            e.metrics().name(),
            Map.of(
                "seeds", e.seedAuc().length,
                "auc_mean", ModelComparison.Entry.mean(e.seedAuc()),
                "auc_sd", ModelComparison.Entry.sd(e.seedAuc()),
                "nce_mean", ModelComparison.Entry.mean(e.seedNce()),
                "nce_sd", ModelComparison.Entry.sd(e.seedNce())));
      }
    }
    extra.put("seed_spread", seeds);
    List<Map<String, Object>> rolling = new ArrayList<>();
    for (RollingOriginEvaluation.Result r : ev.rolling()) {
      Map<String, Object> o = new LinkedHashMap<>();
      o.put("name", r.name());
      o.put("rows", r.rows());
      o.put("nce", r.nce());
      o.put("log_loss", r.logLoss());
      o.put("auc", List.of(r.auc().estimate(), r.auc().lower(), r.auc().upper()));
      if (r.aucMinusBaseline() != null) {
        o.put(
            "auc_minus_baseline",
            List.of(
                r.aucMinusBaseline().estimate(),
                r.aucMinusBaseline().lower(),
                r.aucMinusBaseline().upper()));
      }
      rolling.add(o);
    }
    extra.put("rolling_origin", rolling);
    ContinualLearningReplay.Result cl = ev.continual();
    extra.put(
        "continual_learning",
        Map.of(
            "fine_tuned_mean_log_loss", ContinualLearningReplay.Result.mean(cl.fineTunedLogLoss()),
            "frozen_mean_log_loss", ContinualLearningReplay.Result.mean(cl.frozenLogLoss()),
            "first_chunk_log_loss_after_first", cl.firstChunkLogLossAfterFirst(),
            "first_chunk_log_loss_at_end", cl.firstChunkLogLossAtEnd()));
    extra.put("export_max_abs_diff", ex.maxAbsDiff());
    Map<String, Object> stages = new LinkedHashMap<>();
    for (Stage st : Stage.values()) {
      LatencyRecorder r = s.ads().pipeline().stageLatency(st);
      if (r.count() > 0) {
        stages.put(
            st.metricName(),
            Map.of("p50_us", r.percentileMicros(50), "p99_us", r.percentileMicros(99)));
      }
    }
    extra.put("stage_latency", stages);
    extra.put("advertisers_out_of_budget", s.advertisersOutOfBudget());
    extra.put("psi", s.monitor().psiMap());
    return new ModuleResults(
        "ad-ctr", 8, d.datasetRef(), d.params().seed(), Machine.current(), models, extra);
  }

  private static Map<String, Metric> metrics(ModelMetrics m) {
    Map<String, Metric> r = new LinkedHashMap<>();
    r.put("nce", Metric.of(m.nce()));
    r.put("log_loss", Metric.of(m.logLoss()));
    r.put("auc", Metric.of(m.auc().estimate(), m.auc().lower(), m.auc().upper()));
    r.put("pr_auc", Metric.of(m.prAuc()));
    r.put("ece", Metric.of(m.ece()));
    r.put("predicted_observed", Metric.of(m.predictedObserved()));
    r.put("calibrated_nce", Metric.of(m.calibratedNce()));
    r.put("calibrated_ece", Metric.of(m.calibratedEce()));
    return r;
  }

  /** The report page. */
  public static Report report(ModuleResults results, AdCtrSystem.Run run) {
    Data d = run.data();
    Models m = run.models();
    Evaluation ev = run.evaluation();
    Export ex = run.export();
    Serving s = run.serving();
    Report r =
        new Report(
            "Ad click prediction (book chapter 8)",
            String.format(
                Locale.ROOT,
                "ad-ctr · %s · seed %d · %d test impressions · %d cores, %s",
                d.params().dataset(),
                d.params().seed(),
                d.test().size(),
                results.machine().cores(),
                results.machine().cpuModel()));
    boolean[] labels = d.test().labels();
    r.section("Models")
        .paragraph(
            "Test split (the latest 10% of impressions); Platt scaling fitted on validation;"
                + " nothing tuned on test. NCE = log loss / log loss of the test CTR (< 1 beats"
                + " the prior). AUC with a 95% bootstrap interval over test rows; intervals that"
                + " overlap are inside the noise.")
        .modelTable(results, List.of("nce", "log_loss", "auc", "pr_auc", "ece", "calibrated_ece"))
        .intervalChart(
            "ROC-AUC, test split, 95% bootstrap interval",
            "ROC-AUC", results.models().stream().map(x -> Interval.of(x, "auc")).toList());
    List<Series> roc = new ArrayList<>();
    List<Series> pr = new ArrayList<>();
    List<Series> reliability = new ArrayList<>();
    List<Series> loss = new ArrayList<>();
    for (ModelComparison.Entry e : m.entries()) {
      String name = e.metrics().name();
      roc.add(Curves.roc(name, e.testPredictions(), labels));
      pr.add(Curves.precisionRecall(name, e.testPredictions(), labels));
      reliability.add(Curves.reliability(name, e.testPredictions(), labels, 10));
      if (e.model() instanceof NeuralClickModel nm) {
        loss.add(Series.ofY(name, nm.validationLossPerEpoch()));
      }
    }
    r.section("Evaluation")
        .rocCurves("ROC, test split", roc)
        .precisionRecallCurves("Precision-recall, test split", pr, d.test().ctr())
        .reliabilityDiagram(
            "Reliability diagram after Platt scaling, 10 equal-width bins", reliability)
        .lineChart(
            "Neural models: validation log loss per epoch (first seed; early stopping)",
            "epoch",
            "validation log loss",
            loss);
    if (!ev.rolling().isEmpty()) {
      r.subsection("Rolling origin: train on chunks 1..i, test on i+1, predictions pooled")
          .table(
              List.of("model", "rows", "log loss", "NCE", "ROC-AUC [95% CI]", "AUC − LR [95% CI]"),
              ev.rolling().stream().map(AdCtrReport::rollingRow).toList());
    }
    ContinualLearningReplay.Result cl = ev.continual();
    r.subsection("Continual learning (LR, FTRL): progressive validation over the training period")
        .lineChart(
            "Log loss on the next chunk: fine-tuned on each chunk vs frozen after the first",
            "chunk",
            "log loss",
            List.of(
                Series.ofY("fine-tuned", cl.fineTunedLogLoss()),
                Series.ofY("frozen", cl.frozenLogLoss())))
        .paragraph(
            String.format(
                Locale.ROOT,
                "Mean log loss %.4f fine-tuned vs %.4f frozen. Forgetting check on chunk 0: %.4f"
                    + " right after it, %.4f after all chunks.",
                ContinualLearningReplay.Result.mean(cl.fineTunedLogLoss()),
                ContinualLearningReplay.Result.mean(cl.frozenLogLoss()),
                cl.firstChunkLogLossAfterFirst(),
                cl.firstChunkLogLossAtEnd()));
    ModelCard card = ex.loaded().card();
    r.subsection("Model card of the served model (" + card.model() + ")").modelCard(card);
    r.paragraph(ex.describe());

    var served = results.served().latency();
    r.section("Serving and monitoring")
        .paragraph(
            String.format(
                Locale.ROOT,
                "%d in-process requests (real test-period requests, up to %d candidates each):"
                    + " p50 %.3f ms, p99 %.3f ms, p99.9 %.3f ms; the book's budget is %.0f ms.",
                served.requests(),
                d.params().maxCandidates(),
                served.p50Ms(),
                served.p99Ms(),
                served.p999Ms(),
                BUDGET_MS))
        .histogram(
            "Latency per pipeline stage (µs, log-spaced bins)",
            "latency, µs",
            HistogramSeries.perStage(s.ads().pipeline(), HistogramSeries.logEdges(0.5, 20_000, 4)));
    List<List<String>> psi = new ArrayList<>();
    s.monitor()
        .psiMap()
        .forEach(
            (f, v) ->
                psi.add(
                    List.of(
                        f,
                        String.format(Locale.ROOT, "%.4f", v),
                        v < 0.1 ? "stable" : v < 0.25 ? "watch" : "drift")));
    r.subsection("Drift: PSI of the test period against training (< 0.1 stable, > 0.25 drift)")
        .table(List.of("feature", "PSI", "verdict"), psi);
    return r;
  }

  private static List<String> rollingRow(RollingOriginEvaluation.Result x) {
    return List.of(
        x.name(),
        String.valueOf(x.rows()),
        String.format(Locale.ROOT, "%.4f", x.logLoss()),
        String.format(Locale.ROOT, "%.4f", x.nce()),
        String.format(
            Locale.ROOT, "%.4f [%.4f, %.4f]", x.auc().estimate(), x.auc().lower(), x.auc().upper()),
        x.aucMinusBaseline() == null
            ? "(baseline)"
            : String.format(
                Locale.ROOT,
                "%+.4f [%+.4f, %+.4f]",
                x.aucMinusBaseline().estimate(),
                x.aucMinusBaseline().lower(),
                x.aucMinusBaseline().upper()));
  }
}
