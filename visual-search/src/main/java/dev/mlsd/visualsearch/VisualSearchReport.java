package dev.mlsd.visualsearch;

import dev.mlsd.core.metrics.uncertainty.ConfidenceInterval;
import dev.mlsd.core.report.Image;
import dev.mlsd.core.report.ImageRow;
import dev.mlsd.core.report.Interval;
import dev.mlsd.core.report.Report;
import dev.mlsd.core.report.Series;
import dev.mlsd.core.results.DatasetRef;
import dev.mlsd.core.results.Latency;
import dev.mlsd.core.results.Machine;
import dev.mlsd.core.results.Metric;
import dev.mlsd.core.results.ModelResult;
import dev.mlsd.core.results.ModuleResults;
import dev.mlsd.core.results.ResultsFile;
import dev.mlsd.core.results.Role;
import dev.mlsd.visualsearch.data.ImageSet;
import dev.mlsd.visualsearch.evaluation.AnnEvaluation;
import dev.mlsd.visualsearch.evaluation.EncoderComparison;
import dev.mlsd.visualsearch.evaluation.RetrievalEvaluation;
import dev.mlsd.visualsearch.serving.VisualSearchServer;
import dev.mlsd.visualsearch.serving.VisualSearchService;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the demo writes: {@code results.json} (core's results schema: every embedder with its
 * metrics and intervals, the served one with its request latency) and {@code report.html} (the
 * metric table, an interval chart of mAP@10, the recall@k curve of every encoder, query-to-result
 * rows as images for raw pixels and the trained encoder, and the ANN against exact search).
 *
 * <p>Book: chapter 2, "Evaluation".
 */
public final class VisualSearchReport {
  private VisualSearchReport() {}

  /**
   * The model results, roles assigned in the comparison's order: trivial, baselines, served; the
   * supervised-contrastive reference (it reads the labels) is a candidate.
   */
  public static ModuleResults results(
      VisualSearchSystem system,
      EncoderComparison cmp,
      AnnEvaluation ann,
      Latency served,
      VisualSearchService service) {
    List<ModelResult> models = new ArrayList<>();
    List<RetrievalEvaluation.Result> rs = cmp.results();
    for (int i = 0; i < rs.size(); i++) {
      Role role =
          i == 0
              ? Role.TRIVIAL
              : i == rs.size() - 1
                  ? Role.SERVED
                  : rs.get(i).name().equals(VisualSearchSystem.SUPERVISED_NAME)
                      ? Role.CANDIDATE
                      : Role.BASELINE;
      Map<String, Metric> m = new LinkedHashMap<>();
      rs.get(i).metrics().metrics().forEach((name, ci) -> m.put(name, metric(ci)));
      models.add(new ModelResult(rs.get(i).name(), role, m, role == Role.SERVED ? served : null));
    }
    Map<String, Object> x = new LinkedHashMap<>();
    Map<String, Double> stages = new LinkedHashMap<>();
    service.stageLatencies().forEach(l -> stages.put(l.name() + " p50 us", l.percentileMicros(50)));
    x.put("request_stages", stages);
    x.put("ann", ann);
    x.put("map_gain_over_raw_pixels", metric(cmp.mapGainOverFirst()));
    x.put("encoder_card", system.trained().card());
    return new ModuleResults(
        "visual-search",
        2,
        new DatasetRef(system.params().dataset(), system.data().sha256()),
        system.params().seed(),
        Machine.current(),
        models,
        x);
  }

  private static Metric metric(ConfidenceInterval ci) {
    return Metric.of(ci.estimate(), ci.lower(), ci.upper());
  }

  /** Writes results.json and report.html into {@code dir}; returns the report's path. */
  public static Path write(
      Path dir,
      VisualSearchSystem system,
      ModuleResults results,
      EncoderComparison cmp,
      AnnEvaluation ann)
      throws IOException {
    ResultsFile.write(dir, results);
    Report r =
        new Report(
            "Visual search (chapter 2) on " + system.params().dataset(),
            system.data().split().description()
                + "; relevance = same class; seed "
                + system.params().seed());
    r.section("Offline metrics, every encoder on the same protocol").modelTable(results);
    List<Interval> maps = new ArrayList<>();
    for (ModelResult m : results.models()) {
      maps.add(Interval.of(m, "map@10"));
    }
    r.intervalChart("mAP@10 with 95% bootstrap intervals", "map@10", maps);
    r.paragraph(
        "Self-supervised encoder minus raw pixels, mAP@10 paired over queries: "
            + cmp.mapGainOverFirst()
            + (cmp.mapGainOverFirst().contains(0) ? " (inside the noise)." : "."));
    List<Series> curves = new ArrayList<>();
    for (RetrievalEvaluation.Result e : cmp.results()) {
      double[] k = new double[e.metrics().curveK().length];
      for (int i = 0; i < k.length; i++) {
        k[i] = e.metrics().curveK()[i];
      }
      curves.add(new Series(e.name(), k, e.metrics().curve()));
    }
    r.lineChart(
        "recall@k (share of the query's class retrieved in the top k)", "k", "recall@k", curves);
    r.section("Query and results (exact search, no re-ranking)");
    r.imageGrid("raw pixels vs the self-supervised encoder", rows(system, cmp));
    r.section("Nearest neighbours: HNSW against exact search")
        .keyValues(
            Map.of(
                "recall@10 vs exact", String.format("%.4f", ann.recallAt10()),
                "ef", ann.ef(),
                "HNSW p50 / p99 (us)", String.format("%.1f / %.1f", ann.annP50Us(), ann.annP99Us()),
                "exact p50 / p99 (us)",
                    String.format("%.1f / %.1f", ann.exactP50Us(), ann.exactP99Us()),
                "queries timed", ann.timedQueries()));
    r.section("Encoder card").preformatted(system.trained().card().toText());
    return r.write(dir);
  }

  private static List<ImageRow> rows(VisualSearchSystem system, EncoderComparison cmp) {
    ImageSet q = system.data().split().queries();
    ImageSet g = system.data().split().gallery();
    List<ImageRow> rows = new ArrayList<>();
    int[] queries = {0, 1, 2, 3, 4, 5};
    RetrievalEvaluation.Result raw = cmp.results().getFirst();
    RetrievalEvaluation.Result served = cmp.served();
    for (int qi : queries) {
      if (qi >= q.count()) {
        break;
      }
      for (RetrievalEvaluation.Result e : List.of(raw, served)) {
        List<Image> images = new ArrayList<>();
        images.add(Image.png(scaled(q, qi), "query: " + q.classNames().get(q.labels()[qi])));
        int[] top = e.exact().ranked()[qi];
        for (int i = 0; i < Math.min(8, top.length); i++) {
          String mark = g.labels()[top[i]] == q.labels()[qi] ? "" : " (other class)";
          images.add(Image.png(scaled(g, top[i]), g.classNames().get(g.labels()[top[i]]) + mark));
        }
        rows.add(new ImageRow(e.name(), images));
      }
    }
    return rows;
  }

  /** An image as PNG, three times larger (nearest neighbour), so 28x28 is visible. */
  static byte[] scaled(ImageSet s, int i) {
    int f = 3;
    int h = s.height();
    int w = s.width();
    int c = s.channels();
    byte[] out = new byte[h * f * w * f * c];
    for (int y = 0; y < h * f; y++) {
      for (int x = 0; x < w * f; x++) {
        System.arraycopy(
            s.pixels(), i * s.imageSize() + ((y / f) * w + x / f) * c, out, (y * w * f + x) * c, c);
      }
    }
    return VisualSearchServer.png(out, h * f, w * f, c);
  }
}
