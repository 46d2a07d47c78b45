package dev.mlsd.harmful;

import dev.mlsd.core.metrics.classification.PrecisionRecallCurve;
import dev.mlsd.core.report.Interval;
import dev.mlsd.core.report.Report;
import dev.mlsd.core.report.Series;
import dev.mlsd.core.results.DatasetRef;
import dev.mlsd.core.results.Latency;
import dev.mlsd.core.results.Machine;
import dev.mlsd.core.results.ModelResult;
import dev.mlsd.core.results.ModuleResults;
import dev.mlsd.core.results.Role;
import dev.mlsd.harmful.HarmfulContentSystem.Retraining;
import dev.mlsd.harmful.data.DavidsonLoader;
import dev.mlsd.harmful.data.HarmTask;
import dev.mlsd.harmful.evaluation.ComparisonTable;
import dev.mlsd.harmful.evaluation.ModelMetrics;
import dev.mlsd.harmful.serving.OnlineMetrics;
import dev.mlsd.harmful.serving.StreamReplay;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.HdrHistogram.Histogram;

/**
 * What the demo writes: {@code report.html} and {@code results.json}, from the system's results.
 */
final class DemoOutputs {
  private DemoOutputs() {}

  /** The report: the comparison table, PR curves per category, the online metrics over time. */
  static Report report(
      HarmfulContentSystem sys, List<ModelMetrics> rows, StreamReplay.Result replay, Retraining r) {
    Report report =
        new Report(
            "Harmful content detection",
            "harmful-content · chapter 5 · "
                + DavidsonLoader.DATASET
                + " · seed "
                + sys.params().seed());
    report.section("Data").keyValues(dataFacts(sys));
    report
        .section("Evaluation (test split, 95% bootstrap intervals)")
        .table(ComparisonTable.HEADER, ComparisonTable.rows(rows))
        .paragraph(
            "Hate PR-AUC of the served network minus the baseline's (paired bootstrap): "
                + ComparisonTable.difference(sys.hatePrAucGain())
                + ". Three-class thresholds and enforcement thresholds are chosen on the"
                + " validation split.");
    report
        .subsection("The 0.77 anchor, held out and in-sample")
        .table(ComparisonTable.ANCHOR_HEADER, sys.anchorRows())
        .paragraph(String.join(" ", ComparisonTable.ANCHOR_NOTE));
    for (HarmTask t : HarmTask.values()) {
      List<Series> curves = new ArrayList<>();
      for (ModelMetrics m : rows) {
        PrecisionRecallCurve c = m.task(t.ordinal()).curve();
        curves.add(new Series(m.model(), c.recalls(), c.precisions()));
      }
      report.precisionRecallCurves(
          "PR curve, " + t.label() + " (test)", curves, prevalence(sys.testLabels()[t.ordinal()]));
    }
    List<Interval> intervals = new ArrayList<>();
    for (ModelMetrics m : rows) {
      var c = m.task(0).prAuc();
      intervals.add(new Interval(chartLabel(m.model()), c.estimate(), c.lower(), c.upper()));
    }
    report.intervalChart("Hate PR-AUC with 95% interval", "hate PR-AUC", intervals);
    report
        .subsection("Enforcement thresholds (served network)")
        .table(
            ComparisonTable.ENFORCEMENT_HEADER,
            ComparisonTable.enforcementRows(List.of(sys.networks().getFirst().metrics())));
    report.section("Online metrics (test posts replayed over HTTP)").keyValues(online(replay));
    double[] x = new double[replay.timeline().size()];
    double[] prevalence = new double[x.length];
    double[] proactive = new double[x.length];
    for (int i = 0; i < x.length; i++) {
      OnlineMetrics.Snapshot s = replay.timeline().get(i);
      x[i] = s.posts();
      prevalence[i] = s.prevalence();
      proactive[i] = s.proactiveRate();
    }
    report.lineChart(
        "Online metrics as the stream goes",
        "posts replayed",
        "rate",
        List.of(
            new Series("prevalence", x, prevalence), new Series("proactive rate", x, proactive)));
    report.section("Retraining round on the reviewers' labels").keyValues(retraining(r));
    report.section("Served model card").preformatted(sys.card().toText());
    return report;
  }

  /** A model's name short enough for the interval chart's label column (about 18 characters). */
  static String chartLabel(String model) {
    return model
        .replace("hashed n-grams + LR", "LR (baseline)")
        .replaceAll("multi-task DNN(, focal)? \\(seed (\\d+)\\)", "DNN$1, seed $2");
  }

  /** {@code results.json}: every model row, the served one with its HTTP latency, and extras. */
  static ModuleResults results(
      HarmfulContentSystem sys, List<ModelMetrics> rows, StreamReplay.Result replay, Retraining r) {
    List<ModelResult> models = new ArrayList<>();
    String served = sys.networks().getFirst().metrics().model();
    Histogram h = replay.postLatency();
    for (int i = 0; i < rows.size(); i++) {
      ModelMetrics m = rows.get(i);
      Role role =
          i == 0
              ? Role.TRIVIAL
              : i == 1 ? Role.BASELINE : m.model().equals(served) ? Role.SERVED : Role.CANDIDATE;
      Latency latency =
          role == Role.SERVED
              ? Latency.ofMicros(
                  h.getValueAtPercentile(50),
                  h.getValueAtPercentile(99),
                  h.getValueAtPercentile(99.9),
                  h.getTotalCount())
              : null;
      models.add(new ModelResult(m.model(), role, ComparisonTable.metrics(m), latency));
    }
    Map<String, Object> extra = new LinkedHashMap<>();
    extra.put(
        "anchor_davidson_2017",
        Map.of(
            "macro_f1",
            ComparisonTable.ANCHOR_MACRO_F1,
            "hate_f1",
            ComparisonTable.ANCHOR_HATE_F1,
            "hate_precision",
            ComparisonTable.ANCHOR_HATE_PRECISION,
            "hate_recall",
            ComparisonTable.ANCHOR_HATE_RECALL));
    if (sys.inSample() != null) {
      extra.put(
          "in_sample_baseline",
          Map.of(
              "posts", sys.inSample().posts(),
              "macro_f1", sys.inSample().macroF1(),
              "weighted_f1", sys.inSample().weightedF1(),
              "hate_f1", sys.inSample().perClassF1()[0],
              "protocol",
                  "trained, thresholded and scored on every post, as the authors' notebook"
                      + " computes the anchor"));
    }
    var gain = sys.hatePrAucGain();
    extra.put(
        "hate_pr_auc_gain_over_baseline", List.of(gain.estimate(), gain.lower(), gain.upper()));
    extra.put("hate_pr_auc_gain_verdict", ComparisonTable.noise(gain));
    extra.put("dl4j_parity_max_abs", sys.parity());
    extra.put("thresholds", sys.thresholds().toString());
    extra.put("online", replay.finalMetrics());
    extra.put(
        "latency_note", "POST /v1/posts over HTTP on 127.0.0.1, client side, during the replay");
    extra.put(
        "retraining",
        Map.of(
            "examples", r.examples(),
            "held_out", r.heldOut(),
            "hate_pr_auc_before", r.before().task(0).prAuc().estimate(),
            "hate_pr_auc_after", r.after().task(0).prAuc().estimate(),
            "kept_epoch", r.keptEpoch(),
            "change",
                List.of(
                    r.hatePrAucChange().estimate(),
                    r.hatePrAucChange().lower(),
                    r.hatePrAucChange().upper())));
    extra.put("training_seconds", sys.trainingMillis() / 1000.0);
    return new ModuleResults(
        "harmful-content",
        5,
        DatasetRef.ofFiles(
            DavidsonLoader.DATASET, Map.of(DavidsonLoader.FILE, sys.corpus().sha256())),
        sys.params().seed(),
        Machine.current(),
        models,
        extra);
  }

  private static Map<String, Object> retraining(Retraining r) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("reviewed posts added to training", r.examples());
    m.put("held-out test posts (nobody reviewed them)", r.heldOut());
    m.put("hate PR-AUC before", ComparisonTable.ci(r.before().task(0).prAuc()));
    m.put("hate PR-AUC after", ComparisonTable.ci(r.after().task(0).prAuc()));
    m.put("change (paired bootstrap)", ComparisonTable.ci(r.hatePrAucChange()));
    m.put(
        "kept epoch of the warm start",
        r.keptEpoch() + (r.keptEpoch() == 0 ? " (no epoch beat the served weights)" : ""));
    m.put(
        "macro-F1 before / after",
        String.format(
            java.util.Locale.ROOT,
            "%.3f / %.3f",
            r.before().macroF1().estimate(),
            r.after().macroF1().estimate()));
    return m;
  }

  private static Map<String, Object> dataFacts(HarmfulContentSystem sys) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("file", sys.corpus().report().summary());
    m.put("split", sys.split().describe());
    m.put(
        "train / validation / test",
        sys.train().size()
            + " / "
            + sys.parts().validation().size()
            + " / "
            + sys.parts().test().size());
    m.put("labels", "crowd votes; a category is positive when a strict majority chose it");
    return m;
  }

  private static Map<String, Object> online(StreamReplay.Result replay) {
    OnlineMetrics.Snapshot s = replay.finalMetrics();
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("posts (removed / demoted)", s.posts() + " (" + s.removed() + " / " + s.demoted() + ")");
    m.put("prevalence", String.format(java.util.Locale.ROOT, "%.4f", s.prevalence()));
    m.put("harmful impressions", s.harmfulImpressions() + " of " + s.impressions());
    m.put("proactive rate", String.format(java.util.Locale.ROOT, "%.4f", s.proactiveRate()));
    m.put(
        "user reports per harmful post",
        String.format(java.util.Locale.ROOT, "%.4f", s.userReportsPerHarmfulPost()));
    m.put("valid appeal rate", String.format(java.util.Locale.ROOT, "%.4f", s.validAppealRate()));
    m.put("appeals (reversed)", s.appeals() + " (" + s.reversedAppeals() + ")");
    m.put("reviews", replay.reviews());
    return m;
  }

  private static double prevalence(boolean[] y) {
    int c = 0;
    for (boolean b : y) {
      c += b ? 1 : 0;
    }
    return (double) c / y.length;
  }
}
