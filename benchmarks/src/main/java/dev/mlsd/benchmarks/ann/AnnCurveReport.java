package dev.mlsd.benchmarks.ann;

import dev.mlsd.core.report.Report;
import dev.mlsd.core.report.Series;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Turns the rows {@link AnnCurve} appended to a file into the ann-benchmarks plot (recall@10 on x,
 * queries per CPU-second on a log y axis, each library's Pareto frontier) in an HTML report, and
 * prints the frontier table at recall 0.90, 0.95 and 0.99 as Markdown: per library the best QPS
 * among the ef values whose recall reaches the target, and this index's ratio to each other
 * library.
 *
 * <pre>
 *   java -cp benchmarks/target/benchmarks.jar dev.mlsd.benchmarks.ann.AnnCurveReport \
 *       ann-curves.tsv ann-curves.html
 * </pre>
 */
public final class AnnCurveReport {
  static final double[] TARGETS = {0.90, 0.95, 0.99};
  static final String OURS = "mlsd-hnsw";

  /** One measured point of a curve. */
  record Point(int ef, double recall, double qps, double scored, String load) {}

  private AnnCurveReport() {}

  public static void main(String[] args) throws IOException {
    if (args.length != 2) {
      System.err.println("usage: AnnCurveReport <curves.tsv> <report.html>");
      System.exit(2);
    }
    Map<String, Map<String, List<Point>>> curves = read(Path.of(args[0]));
    Report report =
        new Report(
            "ANN recall/QPS curves",
            "recall@10 against exact search; queries per CPU-second, one query thread");
    StringBuilder md = new StringBuilder();
    md.append("| data | library | QPS at recall 0.90 (ef, scored) | at 0.95 | at 0.99 | load |\n");
    md.append("|---|---|---|---|---|---|\n");
    StringBuilder ratios = new StringBuilder();
    ratios
        .append("| data | ratio of ")
        .append(OURS)
        .append(" to | at 0.90 | at 0.95 | at 0.99 |\n");
    ratios.append("|---|---|---|---|---|\n");
    for (var data : curves.entrySet()) {
      List<Series> series = new ArrayList<>();
      Map<String, Point[]> best = new LinkedHashMap<>();
      for (var lib : data.getValue().entrySet()) {
        List<Point> frontier = frontier(lib.getValue());
        series.add(
            new Series(
                lib.getKey(),
                frontier.stream().mapToDouble(Point::recall).toArray(),
                frontier.stream().mapToDouble(Point::qps).toArray()));
        Point[] at = new Point[TARGETS.length];
        md.append("| ").append(data.getKey()).append(" | ").append(lib.getKey());
        for (int t = 0; t < TARGETS.length; t++) {
          at[t] = bestAt(lib.getValue(), TARGETS[t]);
          md.append(" | ")
              .append(
                  at[t] == null
                      ? "not reached"
                      : String.format(
                          Locale.ROOT,
                          "%,.0f (%d, %s)",
                          at[t].qps(),
                          at[t].ef(),
                          at[t].scored() < 0
                              ? "-"
                              : String.format(Locale.ROOT, "%,.0f", at[t].scored())));
        }
        md.append(" | ").append(loadRange(lib.getValue())).append(" |\n");
        best.put(lib.getKey(), at);
      }
      Point[] ours = best.get(OURS);
      for (var other : best.entrySet()) {
        if (ours == null || other.getKey().equals(OURS)) {
          continue;
        }
        ratios.append("| ").append(data.getKey()).append(" | ").append(other.getKey());
        for (int t = 0; t < TARGETS.length; t++) {
          Point a = ours[t];
          Point b = other.getValue()[t];
          ratios.append(" | ");
          if (a == null) {
            ratios.append("-");
          } else if (b == null) {
            ratios.append("other not reached");
          } else {
            ratios.append(String.format(Locale.ROOT, "%.2fx", a.qps() / b.qps()));
          }
        }
        ratios.append(" |\n");
      }
      report
          .section(data.getKey())
          .logLineChart(
              data.getKey() + ": recall@10 against queries per CPU-second (Pareto frontier)",
              "recall@10",
              "queries per CPU-second (log)",
              series);
    }
    report.section("Frontier").preformatted(md.toString() + "\n" + ratios);
    report.writeTo(Path.of(args[1]));
    System.out.println(md);
    System.out.println(ratios);
  }

  /** Rows grouped by dataset, then library, in file order. */
  static Map<String, Map<String, List<Point>>> read(Path file) throws IOException {
    Map<String, Map<String, List<Point>>> out = new LinkedHashMap<>();
    for (String line : Files.readAllLines(file)) {
      if (line.isBlank()) {
        continue;
      }
      String[] f = line.split("\t");
      Point p =
          new Point(
              Integer.parseInt(f[2]),
              Double.parseDouble(f[3]),
              Double.parseDouble(f[4]),
              Double.parseDouble(f[5]),
              f[6]);
      out.computeIfAbsent(f[0], k -> new LinkedHashMap<>())
          .computeIfAbsent(f[1], k -> new ArrayList<>())
          .add(p);
    }
    return out;
  }

  /** The points no other point beats on both recall and QPS, by recall ascending. */
  static List<Point> frontier(List<Point> points) {
    List<Point> sorted = new ArrayList<>(points);
    sorted.sort(Comparator.comparingDouble(Point::recall).thenComparingDouble(Point::qps));
    List<Point> out = new ArrayList<>();
    for (int i = 0; i < sorted.size(); i++) {
      Point p = sorted.get(i);
      boolean dominated = false;
      for (int j = i + 1; j < sorted.size(); j++) {
        if (sorted.get(j).qps() >= p.qps()) {
          dominated = true; // as fast and at least as accurate
          break;
        }
      }
      if (!dominated) {
        out.add(p);
      }
    }
    return out;
  }

  /** The range of the 1-minute load averages recorded beside a curve's points. */
  static String loadRange(List<Point> points) {
    double lo = Double.MAX_VALUE;
    double hi = -1;
    for (Point p : points) {
      try {
        double l = Double.parseDouble(p.load());
        lo = Math.min(lo, l);
        hi = Math.max(hi, l);
      } catch (NumberFormatException e) {
        // "?": no load average on this machine
      }
    }
    return hi < 0 ? "?" : String.format(Locale.ROOT, "%.1f-%.1f", lo, hi);
  }

  /** The fastest point reaching the target recall, or null. */
  static Point bestAt(List<Point> points, double target) {
    Point best = null;
    for (Point p : points) {
      if (p.recall() >= target && (best == null || p.qps() > best.qps())) {
        best = p;
      }
    }
    return best;
  }
}
