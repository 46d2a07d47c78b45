package dev.mlsd.recommendation;

import dev.mlsd.core.io.ModelCard;
import dev.mlsd.core.metrics.uncertainty.ConfidenceInterval;
import dev.mlsd.core.monitoring.LatencyRecorder;
import dev.mlsd.core.report.HistogramSeries;
import dev.mlsd.core.report.Interval;
import dev.mlsd.core.report.Report;
import dev.mlsd.core.report.Series;
import dev.mlsd.core.results.DatasetRef;
import dev.mlsd.core.results.Latency;
import dev.mlsd.core.results.Machine;
import dev.mlsd.core.results.Metric;
import dev.mlsd.core.results.ModelResult;
import dev.mlsd.core.results.ModuleResults;
import dev.mlsd.core.results.Role;
import dev.mlsd.core.serving.Stage;
import dev.mlsd.recommendation.data.MovieLensLoader;
import dev.mlsd.recommendation.evaluation.MetricRow;
import dev.mlsd.recommendation.evaluation.MetricsTable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What one run of the recommendation system measured, as the module's typed results ({@code
 * results.json}, the schema of {@code docs/results-schema.md}) and its {@code report.html}: the
 * metrics table of every model on test users (nDCG@10 with its bootstrap interval), recall@k
 * curves, the cold-start table, training loss per epoch, the model cards, latency per serving stage
 * and a sample user's recommendations.
 *
 * <p>Book: chapter 6, "Evaluation" and "Serving".
 */
public final class RecommendationReport {
  /** The p99 goal of one in-process request, milliseconds. */
  public static final double GOAL_P99_MS = 1.0;

  private RecommendationReport() {}

  /**
   * Everything one run built and measured.
   *
   * @param system the trained system
   * @param evaluation step 6
   * @param cards the model cards
   * @param latency the in-process latency of step 7
   * @param http the HTTP walk-through of step 7
   * @param replay the test period replayed through HTTP (online metrics, drift)
   */
  public record Run(
      RecommendationSystem system,
      RecommendationEvaluation evaluation,
      List<ModelCard> cards,
      LatencyRecorder latency,
      HttpWalkthrough http,
      ReplayWalkthrough replay) {}

  /**
   * The typed results on test users: popularity (trivial), trending and item-kNN (baselines), each
   * generator and the pipeline without re-ranking (candidates), the full pipeline (served, with its
   * latency); cold-start users, the merged candidate set, ANN recall and per-stage latency under
   * {@code extra}.
   */
  public static ModuleResults results(Run run) {
    RecommendationEvaluation ev = run.evaluation();
    List<ModelResult> models = new ArrayList<>();
    for (MetricRow r : ev.test().rows()) {
      Role role =
          r.name().equals("baseline: popularity")
              ? Role.TRIVIAL
              : r.name().startsWith("baseline:")
                  ? Role.BASELINE
                  : r == ev.test().fullPipeline() ? Role.SERVED : Role.CANDIDATE;
      LatencyRecorder t = run.latency();
      models.add(
          new ModelResult(
              r.name(),
              role,
              metrics(r),
              role == Role.SERVED
                  ? Latency.ofMicros(
                      t.percentileMicros(50),
                      t.percentileMicros(99),
                      t.percentileMicros(99.9),
                      t.count())
                  : null));
    }
    Map<String, Object> extra = new LinkedHashMap<>();
    extra.put("protocol", MetricsTable.PROTOCOL);
    extra.put("interval", "ndcg@10: 95% percentile bootstrap over users");
    extra.put("split", run.system().params().split().describe());
    extra.put("test", part(ev.test()));
    extra.put("cold_start", part(ev.coldStart()));
    Map<String, Object> coldRows = new LinkedHashMap<>();
    for (MetricRow r : ev.coldStart().rows()) {
      Map<String, Object> m = new LinkedHashMap<>();
      metrics(r).forEach((k, v) -> m.put(k, v.value()));
      coldRows.put(r.name(), m);
    }
    extra.put("cold_start_models", coldRows);
    extra.put("short_history", part(ev.shortHistory()));
    Map<String, Object> shortRows = new LinkedHashMap<>();
    for (MetricRow r : ev.shortHistory().rows()) {
      Map<String, Object> m = new LinkedHashMap<>();
      metrics(r).forEach((k, v) -> m.put(k, v.value()));
      shortRows.put(r.name(), m);
    }
    extra.put("short_history_models", shortRows);
    extra.put("tower_ann_recall@" + ev.annK(), ev.towerAnnRecall());
    extra.put("training_millis", run.system().millis());
    Map<String, Object> stages = new LinkedHashMap<>();
    for (Stage s : Stage.values()) {
      LatencyRecorder r = run.system().service().pipeline().stageLatency(s);
      if (r.count() > 0) {
        stages.put(
            s.metricName(),
            Map.of("p50_us", r.percentileMicros(50), "p99_us", r.percentileMicros(99)));
      }
    }
    extra.put("stage_latency", stages);
    extra.put("sample_user", run.http().sampleUser());
    var o = run.replay().replay();
    Map<String, Object> online = new LinkedHashMap<>();
    online.put("events", o.events());
    online.put("users", o.users());
    online.put("hit_rate@10", o.hitRate());
    online.put("watch_through_proxy", o.watchThrough());
    online.put("coverage", o.coverage());
    online.put("diversity", o.diversity());
    online.put("get_p50_us", o.getLatency().percentileMicros(50));
    online.put("get_p99_us", o.getLatency().percentileMicros(99));
    online.put("post_p50_us", o.postLatency().percentileMicros(50));
    online.put("post_p99_us", o.postLatency().percentileMicros(99));
    online.put("drift_psi", run.replay().psi());
    var rt = run.replay().retraining();
    online.put("reference_hit_rate@10", rt.replayHitRate());
    extra.put("online_replay", online);
    Map<String, Object> retraining = new LinkedHashMap<>();
    retraining.put("replayed_events", rt.replayed());
    retraining.put("next_events", rt.next());
    retraining.put("next_users", rt.nextUsers());
    retraining.put("refitted", List.of("popularity", "item-kNN", "EASE"));
    retraining.put("refit_ms", rt.refreshMillis());
    retraining.put("frozen_hit_rate@10", rt.frozen());
    retraining.put("refreshed_hit_rate@10", rt.refreshed());
    Map<String, Object> diff = new LinkedHashMap<>();
    rt.difference().forEach((k, d) -> diff.put(k, List.of(d.estimate(), d.lower(), d.upper())));
    retraining.put("refreshed_minus_frozen_paired_95", diff);
    extra.put("retraining_round", retraining);
    return new ModuleResults(
        "recommendation",
        6,
        new DatasetRef(MovieLensLoader.DATASET, run.system().data().ratingsSha256()),
        run.system().params().seed(),
        Machine.current(),
        models,
        extra);
  }

  private static Map<String, Object> part(RecommendationEvaluation.Part p) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("users", p.users());
    m.put("merged_candidates", p.mergedCandidates());
    m.put("merged_recall", p.mergedRecall());
    m.put("ndcg@10_ratio_to_popularity", p.ndcgRatio());
    m.put("recall@10_ratio_to_popularity", p.recallRatio());
    Map<String, Object> paired = new LinkedHashMap<>();
    p.paired().forEach((name, d) -> paired.put(name, List.of(d.estimate(), d.lower(), d.upper())));
    m.put("ndcg@10_paired_difference_full_pipeline_minus", paired);
    ConfidenceInterval tw = p.towerMinusWals();
    m.put(
        "ndcg@10_paired_difference_two_tower_minus_wals",
        List.of(tw.estimate(), tw.lower(), tw.upper()));
    return m;
  }

  private static Map<String, Metric> metrics(MetricRow r) {
    Map<String, Metric> m = new LinkedHashMap<>();
    m.put("precision@10", Metric.of(r.precision10()));
    m.put("recall@10", Metric.of(r.recall10()));
    m.put("map@10", Metric.of(r.map10()));
    m.put("ndcg@10", Metric.of(r.ndcg10(), r.ndcg10Interval().lower(), r.ndcg10Interval().upper()));
    m.put("precision@50", Metric.of(r.precision50()));
    m.put("recall@50", Metric.of(r.recall50()));
    m.put("map@50", Metric.of(r.map50()));
    m.put("ndcg@50", Metric.of(r.ndcg50()));
    if (!Double.isNaN(r.recall200())) {
      m.put("recall@200", Metric.of(r.recall200()));
    }
    m.put("diversity@10", Metric.of(r.diversity10()));
    m.put("coverage@10", Metric.of(r.coverage10()));
    return m;
  }

  /** The report page. */
  public static Report report(ModuleResults results, Run run) {
    RecommendationEvaluation ev = run.evaluation();
    RecommendationSystem sys = run.system();
    Report r =
        new Report(
            "Video recommendation (book chapter 6)",
            String.format(
                Locale.ROOT,
                "recommendation · %s · seed %d · %d test users · %d cores, %s",
                MovieLensLoader.DATASET,
                sys.params().seed(),
                ev.test().users(),
                results.machine().cores(),
                results.machine().cpuModel()));
    r.section("Models")
        .paragraph(
            "Test users; protocol: "
                + MetricsTable.PROTOCOL
                + ". Generators are ranked alone with exact scoring. nDCG@10 with a 95% bootstrap"
                + " interval over users: overlapping intervals are inside the noise.")
        .modelTable(
            results,
            List.of(
                "precision@10",
                "recall@10",
                "map@10",
                "ndcg@10",
                "ndcg@50",
                "recall@200",
                "diversity@10",
                "coverage@10"))
        .intervalChart(
            "nDCG@10, test users, 95% bootstrap interval",
            "nDCG@10", results.models().stream().map(x -> Interval.of(x, "ndcg@10")).toList());
    r.section("Evaluation")
        .lineChart("recall@k, test users", "k", "recall@k", recallAtK(ev.test().rows()))
        .intervalChart(
            "nDCG@10, cold-start users, 95% bootstrap interval",
            "nDCG@10",
            ev.coldStart().rows().stream()
                .map(
                    x ->
                        new Interval(
                            x.name(),
                            x.ndcg10(),
                            x.ndcg10Interval().lower(),
                            x.ndcg10Interval().upper()))
                .toList());
    for (RecommendationEvaluation.Part p : List.of(ev.test(), ev.coldStart(), ev.shortHistory())) {
      List<List<String>> rows = MetricsTable.rows(p.rows());
      r.subsection(p.label() + " (" + p.users() + ")")
          .table(rows.getFirst(), rows.subList(1, rows.size()));
      p.summary().lines().forEach(r::paragraph);
    }
    r.paragraph(
        String.format(
            Locale.ROOT,
            "Two-tower HNSW index against exact search: recall@%d %.4f (ef = %d).",
            ev.annK(),
            ev.towerAnnRecall(),
            ev.ef()));
    List<Series> loss = new ArrayList<>();
    sys.losses()
        .forEach(
            (model, values) -> {
              if (!model.startsWith("WALS")) {
                loss.add(Series.ofY(model, values));
              }
            });
    r.section("Training")
        .lineChart("Training loss per epoch (mean cross-entropy)", "epoch", "loss", loss);
    double[] wals = sys.losses().get("WALS objective");
    if (wals != null) {
      r.lineChart(
          "WALS objective per sweep", "sweep", "objective", List.of(Series.ofY("WALS", wals)));
    }
    r.paragraph("Training time per component (ms): " + sys.millis());
    for (ModelCard card : run.cards()) {
      r.subsection("Model card: " + card.model()).modelCard(card);
    }
    LatencyRecorder t = run.latency();
    r.section("Serving")
        .paragraph(
            String.format(
                Locale.ROOT,
                "%d in-process requests of test users (k = 10; online features and every stage):"
                    + " p50 %.0f µs, p99 %.0f µs, p99.9 %.0f µs; goal p99 <= %.0f ms.",
                t.count(),
                t.percentileMicros(50),
                t.percentileMicros(99),
                t.percentileMicros(99.9),
                GOAL_P99_MS))
        .histogram(
            "Latency per pipeline stage (µs, log-spaced bins)",
            "latency, µs",
            HistogramSeries.perStage(
                sys.service().pipeline(), HistogramSeries.logEdges(0.5, 20_000, 4)));
    r.subsection("Online metrics by replay");
    run.replay().lines().forEach(r::paragraph);
    r.subsection("GET /v1/users/" + run.http().sampleUser() + "/recommendations?k=10")
        .table(List.of("title", "genres"), run.http().recommended());
    r.subsection("POST /v1/recommendations (anonymous: Toy Story, A Bug's Life, Monsters Inc.)")
        .table(List.of("title", "genres"), run.http().anonymous());
    return r;
  }

  /** recall@10, @50 and (generators and baselines) @200 per model. */
  private static List<Series> recallAtK(List<MetricRow> rows) {
    List<Series> list = new ArrayList<>();
    for (MetricRow m : rows) {
      boolean has200 = !Double.isNaN(m.recall200());
      double[] k = has200 ? new double[] {10, 50, 200} : new double[] {10, 50};
      double[] v =
          has200
              ? new double[] {m.recall10(), m.recall50(), m.recall200()}
              : new double[] {m.recall10(), m.recall50()};
      list.add(new Series(m.name(), k, v));
    }
    return list;
  }
}
