package dev.mlsd.videosearch.evaluation;

import dev.mlsd.core.metrics.uncertainty.Bootstrap;
import dev.mlsd.core.metrics.uncertainty.ConfidenceInterval;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * The evaluation table: for each system, MRR, recall@1, recall@10, recall@100 and nDCG@10 on the
 * same queries, each with a percentile bootstrap interval over queries; and the paired bootstrap
 * difference of MRR between two systems (same resampled queries), which says whether a gap is more
 * than noise.
 *
 * <p>Thread safety: not thread-safe (build on one thread).
 *
 * <p>Book: chapter 4, "Evaluation", offline metrics.
 */
public final class MetricTable {
  /** The metric names, in the book's snake case, in column order. */
  public static final List<String> METRICS =
      List.of("mrr", "recall@1", "recall@10", "recall@100", "ndcg@10");

  private final Bootstrap bootstrap;
  private final Map<String, QueryRankings> systems = new LinkedHashMap<>();
  private final Map<String, Map<String, ConfidenceInterval>> rows = new LinkedHashMap<>();

  /**
   * @param bootstrap the resampling used for every interval
   */
  public MetricTable(Bootstrap bootstrap) {
    this.bootstrap = bootstrap;
  }

  /** Adds one system's rankings (same queries, same order, as the others). */
  public MetricTable add(QueryRankings r) {
    if (!systems.isEmpty() && systems.values().iterator().next().queries() != r.queries()) {
      throw new IllegalArgumentException("every system must answer the same queries");
    }
    systems.put(r.system(), r);
    Map<String, ConfidenceInterval> row = new LinkedHashMap<>();
    for (String m : METRICS) {
      row.put(m, bootstrap.ofMean(perQuery(m).apply(r)));
    }
    rows.put(r.system(), row);
    return this;
  }

  /** The systems, in the order added. */
  public List<String> systems() {
    return new ArrayList<>(systems.keySet());
  }

  /** One system's rankings. */
  public QueryRankings rankings(String system) {
    return require(system, systems);
  }

  /** One cell: the metric of a system with its interval. */
  public ConfidenceInterval metric(String system, String metric) {
    return require(metric, require(system, rows));
  }

  /** Metric(a) - metric(b) on the same resampled queries. */
  public ConfidenceInterval pairedDifference(String a, String b, String metric) {
    Function<QueryRankings, double[]> f = perQuery(metric);
    return bootstrap.pairedMeanDifference(
        f.apply(require(a, systems)), f.apply(require(b, systems)));
  }

  /** The table as fixed-width text, one system per line. */
  public String format() {
    StringBuilder sb = new StringBuilder();
    sb.append(String.format(Locale.ROOT, "%-26s", "system"));
    for (String m : METRICS) {
      sb.append(String.format(Locale.ROOT, "%22s", m));
    }
    sb.append('\n');
    for (var e : rows.entrySet()) {
      sb.append(String.format(Locale.ROOT, "%-26s", e.getKey()));
      for (String m : METRICS) {
        ConfidenceInterval ci = e.getValue().get(m);
        sb.append(
            String.format(
                Locale.ROOT,
                "%22s",
                String.format(
                    Locale.ROOT, "%.3f [%.3f, %.3f]", ci.estimate(), ci.lower(), ci.upper())));
      }
      sb.append('\n');
    }
    return sb.toString();
  }

  private static Function<QueryRankings, double[]> perQuery(String metric) {
    return switch (metric) {
      case "mrr" -> QueryRankings::reciprocalRanks;
      case "recall@1" -> r -> r.recallAt(1);
      case "recall@10" -> r -> r.recallAt(10);
      case "recall@100" -> r -> r.recallAt(100);
      case "ndcg@10" -> r -> r.ndcgAt(10);
      default -> throw new IllegalArgumentException("unknown metric " + metric);
    };
  }

  private static <V> V require(String key, Map<String, V> map) {
    V v = map.get(key);
    if (v == null) {
      throw new IllegalArgumentException("unknown: " + key + " (have " + map.keySet() + ")");
    }
    return v;
  }
}
