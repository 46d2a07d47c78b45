package dev.mlsd.videosearch;

import dev.mlsd.core.data.DatasetDescriptor;
import dev.mlsd.core.metrics.uncertainty.ConfidenceInterval;
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
import dev.mlsd.videosearch.data.SearchQuery;
import dev.mlsd.videosearch.evaluation.MetricTable;
import dev.mlsd.videosearch.evaluation.QueryRankings;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns a built {@link VideoSearchSystem} into the project's typed results ({@code results.json})
 * and the offline {@code report.html}: the metric table with intervals, MRR per system as an
 * interval chart, the training loss per epoch, the fusion-weight sweep, the paired differences and
 * the example queries.
 *
 * <p>Thread safety: stateless.
 */
final class VideoSearchResults {
  private VideoSearchResults() {}

  static ModuleResults results(
      VideoSearchSystem s, Latency served, Map<String, ConfidenceInterval> differences) {
    MetricTable t = s.table();
    List<ModelResult> models = new ArrayList<>();
    for (String system : t.systems()) {
      Map<String, Metric> m = new LinkedHashMap<>();
      for (String name : MetricTable.METRICS) {
        ConfidenceInterval ci = t.metric(system, name);
        m.put(name, Metric.of(ci.estimate(), ci.lower(), ci.upper()));
      }
      boolean isServed = system.equals(VideoSearchSystem.FUSED);
      models.add(new ModelResult(system, role(system), m, isServed ? served : null));
    }
    Map<String, Object> extra = new LinkedHashMap<>();
    extra.put("test_queries", s.data().test().size());
    extra.put("validation_queries", s.data().validation().size());
    extra.put("videos", s.data().corpus().size());
    extra.put("training_pairs", s.data().pairs().size());
    extra.put("fusion_text_weight", s.tuning().best());
    extra.put("two_tower_best_epoch", s.learned().model().bestEpoch());
    extra.put("two_tower_training_ms", s.learned().trainingMillis());
    extra.put("export_parity_max_abs_error", s.learned().maxParityError());
    extra.put("hnsw_recall_at_depth", s.learned().annRecall());
    differences.forEach((k, ci) -> extra.put("paired_mrr_difference: " + k, interval(ci)));
    return new ModuleResults(
        "video-search",
        4,
        DatasetRef.of(DatasetDescriptor.load("didemo")),
        s.params().seed(),
        Machine.current(),
        models,
        extra);
  }

  private static Role role(String system) {
    return switch (system) {
      case VideoSearchSystem.RANDOM -> Role.TRIVIAL;
      case VideoSearchSystem.BM25, VideoSearchSystem.BM25_PLAIN -> Role.BASELINE;
      case VideoSearchSystem.FUSED -> Role.SERVED;
      default -> Role.CANDIDATE;
    };
  }

  private static Map<String, Double> interval(ConfidenceInterval ci) {
    Map<String, Double> m = new LinkedHashMap<>();
    m.put("estimate", ci.estimate());
    m.put("lo", ci.lower());
    m.put("hi", ci.upper());
    return m;
  }

  static Report report(
      VideoSearchSystem s,
      ModuleResults results,
      Map<String, ConfidenceInterval> differences,
      List<List<String>> examples) {
    Report r =
        new Report(
            "video-search: chapter 4 on DiDeMo",
            s.data().test().size()
                + " held-out test queries, "
                + s.data().corpus().size()
                + " videos; seed "
                + s.params().seed());
    r.section("Evaluation (test queries, 95% bootstrap intervals)").modelTable(results);
    List<Interval> mrr = new ArrayList<>();
    for (ModelResult m : results.models()) {
      mrr.add(Interval.of(m, "mrr"));
    }
    r.intervalChart("MRR by system", "mrr", mrr);
    List<List<String>> diffRows = new ArrayList<>();
    differences.forEach(
        (k, ci) ->
            diffRows.add(
                List.of(
                    k,
                    String.format(
                        java.util.Locale.ROOT,
                        "%+.4f [%+.4f, %+.4f]",
                        ci.estimate(),
                        ci.lower(),
                        ci.upper()))));
    r.subsection("Paired bootstrap differences of MRR (same resampled queries)")
        .table(List.of("comparison", "difference [95% interval]"), diffRows);
    r.section("Fusion weight, tuned on validation queries")
        .lineChart(
            "validation MRR by text weight w (fused = w * bm25 + (1 - w) * learned)",
            "w",
            "validation MRR",
            List.of(new Series("weighted sum", s.tuning().weights(), s.tuning().validationMrr())));
    r.section("Learned search: two-tower training")
        .lineChart(
            "mean in-batch cross-entropy per epoch",
            "epoch",
            "loss",
            List.of(Series.ofY("train loss", s.learned().model().epochLoss())))
        .keyValues(
            Map.of(
                "epoch kept (best validation MRR)", s.learned().model().bestEpoch(),
                "training seconds", s.learned().trainingMillis() / 1000.0,
                "max |SameDiff - inference graph|", s.learned().maxParityError(),
                "HNSW recall@depth vs exact", s.learned().annRecall()));
    r.section("Example queries: where each search wins")
        .table(
            List.of("query", "relevant video's text", "bm25 rank", "learned rank", "fused rank"),
            examples);
    return r;
  }

  /** Up to three test queries where BM25 wins, three where the learned search wins. */
  static List<List<String>> examples(VideoSearchSystem s) {
    QueryRankings bm25 = s.table().rankings(VideoSearchSystem.BM25);
    QueryRankings learned = s.table().rankings(VideoSearchSystem.LEARNED);
    QueryRankings fused = s.table().rankings(VideoSearchSystem.FUSED);
    List<List<String>> bm25Wins = new ArrayList<>();
    List<List<String>> learnedWins = new ArrayList<>();
    for (int q = 0; q < bm25.queries(); q++) {
      int b = bm25.rankOfRelevant(q);
      int l = learned.rankOfRelevant(q);
      SearchQuery query = s.data().test().get(q);
      List<String> row =
          List.of(
              query.text(),
              s.data().corpus().indexedText(query.videoId()),
              rank(b),
              rank(l),
              rank(fused.rankOfRelevant(q)));
      if (b >= 1 && b <= 3 && (l == 0 || l > 10) && bm25Wins.size() < 3) {
        bm25Wins.add(row);
      } else if (l >= 1 && l <= 3 && (b == 0 || b > 10) && learnedWins.size() < 3) {
        learnedWins.add(row);
      }
    }
    bm25Wins.addAll(learnedWins);
    return bm25Wins;
  }

  private static String rank(int r) {
    return r == 0 ? "-" : String.valueOf(r);
  }
}
