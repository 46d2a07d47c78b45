package dev.mlsd.recommendation.evaluation;

import java.util.List;
import java.util.Locale;

/**
 * Renders metric rows as one fixed-width text table (for the demo) and as cells for core's HTML
 * report. Every table states its protocol in its caption.
 */
public final class MetricsTable {
  private MetricsTable() {}

  /** The protocol line printed beside every number. */
  public static final String PROTOCOL =
      "full ranking over all 9,742 videos minus the user's history; relevant = liked (>= 4 stars)"
          + " in the held-out period; mean over users with at least one liked held-out video";

  private static final String[] HEADERS = {
    "model",
    "users",
    "P@10",
    "R@10",
    "mAP@10",
    "nDCG@10 [95% CI]",
    "P@50",
    "R@50",
    "mAP@50",
    "nDCG@50",
    "R@200",
    "diversity",
    "coverage"
  };

  /** The rows as text. */
  public static String text(List<MetricRow> rows) {
    // the name column as wide as its longest name, so that every row's figures line up
    int width = 26;
    for (MetricRow r : rows) {
      width = Math.max(width, r.name().length());
    }
    String name = "%-" + width + "s";
    StringBuilder sb = new StringBuilder();
    sb.append(
        String.format(
            Locale.ROOT,
            name + " %5s %6s %6s %6s %-22s %6s %6s %6s %7s %6s %9s %8s%n",
            (Object[]) HEADERS));
    for (MetricRow r : rows) {
      sb.append(
          String.format(
              Locale.ROOT,
              name + " %5d %6.4f %6.4f %6.4f %-22s %6.4f %6.4f %6.4f %7.4f %6s %9.3f %8.4f%n",
              r.name(),
              r.queries(),
              r.precision10(),
              r.recall10(),
              r.map10(),
              String.format(
                  Locale.ROOT,
                  "%.4f [%.4f, %.4f]",
                  r.ndcg10(),
                  r.ndcg10Interval().lower(),
                  r.ndcg10Interval().upper()),
              r.precision50(),
              r.recall50(),
              r.map50(),
              r.ndcg50(),
              Double.isNaN(r.recall200()) ? "-" : String.format(Locale.ROOT, "%.4f", r.recall200()),
              r.diversity10(),
              r.coverage10()));
    }
    return sb.toString();
  }

  /** The rows as cells, header first (for core's {@code Report.table}). */
  public static List<List<String>> rows(List<MetricRow> rows) {
    List<List<String>> out = new java.util.ArrayList<>();
    out.add(List.of(HEADERS));
    for (MetricRow r : rows) {
      out.add(
          List.of(
              r.name(),
              String.valueOf(r.queries()),
              fmt(r.precision10()),
              fmt(r.recall10()),
              fmt(r.map10()),
              String.format(
                  Locale.ROOT,
                  "%.4f [%.4f, %.4f]",
                  r.ndcg10(),
                  r.ndcg10Interval().lower(),
                  r.ndcg10Interval().upper()),
              fmt(r.precision50()),
              fmt(r.recall50()),
              fmt(r.map50()),
              fmt(r.ndcg50()),
              Double.isNaN(r.recall200()) ? "-" : fmt(r.recall200()),
              String.format(Locale.ROOT, "%.3f", r.diversity10()),
              fmt(r.coverage10())));
    }
    return out;
  }

  private static String fmt(double v) {
    return String.format(Locale.ROOT, "%.4f", v);
  }
}
