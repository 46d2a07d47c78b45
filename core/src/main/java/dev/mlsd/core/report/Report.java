package dev.mlsd.core.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mlsd.core.results.Latency;
import dev.mlsd.core.results.Metric;
import dev.mlsd.core.results.ModelResult;
import dev.mlsd.core.results.ModuleResults;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Builds one {@code report.html}: a header, sections with paragraphs, key-value lists, real HTML
 * tables and charts, in the order added, with the one look every module shares. All text is escaped
 * (a caller never writes HTML). Charts are drawn by ECharts, whose script is read from its WebJar
 * ({@code org.webjars.npm:echarts}) when the page is written and inlined, so the file opens
 * offline; a page without charts carries no script but the error recorder.
 *
 * <pre>{@code
 * Report r = new Report("Ad click prediction", "ad-ctr · chapter 8 · criteo-sample · seed 42");
 * r.section("Evaluation").modelTable(results).rocCurves("ROC, test split", rocSeries);
 * r.write(outDir);   // outDir/report.html
 * }</pre>
 *
 * <p>For tests, the page sets on {@code <html>}: {@code data-script-errors} (count of script
 * errors), {@code data-charts-expected} and {@code data-charts-drawn}.
 *
 * <p>Thread safety: none; build on one thread.
 */
public final class Report {
  /** The file name a module's report is written to. */
  public static final String FILE_NAME = "report.html";

  private static final int MAX_POINTS = 400;
  private static final String[] PALETTE = {
    "#2f6fdf", "#e8793a", "#2a9d6f", "#d6455d", "#8a5cd0", "#8c6d4f", "#d264b6", "#6b7684"
  };
  private static final Pattern NUMERIC =
      Pattern.compile(
          "[-+−]?[0-9][0-9,._]*(e[-+]?[0-9]+)?\\s*(%|ms|us|µs|s|x|MB|GB|KB)?"
              + "(\\s*[\\[(].*[\\])])?");
  private static final ObjectMapper JSON = new ObjectMapper();

  private final String title;
  private final String subtitle;
  private final StringBuilder body = new StringBuilder();
  private final List<Map<String, Object>> charts = new ArrayList<>();
  private final Map<String, String> sections = new LinkedHashMap<>();
  private boolean inCharts;

  /**
   * @param title the page's heading (the case study)
   * @param subtitle one line under it (module, chapter, dataset, seed), may be empty
   */
  public Report(String title, String subtitle) {
    this.title = title;
    this.subtitle = subtitle == null ? "" : subtitle;
  }

  /** Starts a section: a heading, listed in the page's navigation. */
  public Report section(String heading) {
    closeCharts();
    String id = "s" + (sections.size() + 1);
    sections.put(id, heading);
    body.append("<h2 id=\"").append(id).append("\">").append(escape(heading)).append("</h2>\n");
    return this;
  }

  /** A smaller heading inside a section. */
  public Report subsection(String heading) {
    closeCharts();
    body.append("<h3>").append(escape(heading)).append("</h3>\n");
    return this;
  }

  /** A paragraph of plain text. */
  public Report paragraph(String text) {
    closeCharts();
    body.append("<p>").append(escape(text)).append("</p>\n");
    return this;
  }

  /** Preformatted text (console output), in a monospace box. */
  public Report preformatted(String text) {
    closeCharts();
    body.append("<pre>").append(escape(text)).append("</pre>\n");
    return this;
  }

  /** Keys and values, aligned (a model card, a configuration). */
  public Report keyValues(Map<String, ?> values) {
    closeCharts();
    body.append("<dl class=\"kv\">\n");
    values.forEach(
        (k, v) ->
            body.append("<dt>")
                .append(escape(k))
                .append("</dt><dd>")
                .append(escape(String.valueOf(v)))
                .append("</dd>\n"));
    body.append("</dl>\n");
    return this;
  }

  /**
   * A model card as keys and values: the model and version, the dataset and its checksum, the
   * split, the seed, each hyper-parameter, each held-out metric, the training time and the code
   * version.
   */
  public Report modelCard(dev.mlsd.core.io.ModelCard card) {
    Map<String, Object> v = new LinkedHashMap<>();
    v.put("model", card.model() + " " + card.modelVersion());
    v.put("dataset", card.dataset() + " (sha256 " + card.datasetSha256() + ")");
    v.put("split", card.split());
    v.put("seed", card.seed());
    card.hyperParameters().forEach(v::put);
    card.metrics().forEach((k, x) -> v.put(k, fmt(x)));
    v.put("trained in", card.trainingMillis() + " ms");
    v.put("code", card.codeVersion());
    return keyValues(v);
  }

  /**
   * A table; numeric cells (a number, optionally a unit and a bracketed interval) are
   * right-aligned.
   *
   * @param header column names
   * @param rows cells, as many per row as {@code header}
   */
  public Report table(List<String> header, List<? extends List<String>> rows) {
    return table(header, rows, null);
  }

  /** A table whose first column's cells link to {@code hrefs} (one per row; null = no link). */
  Report table(List<String> header, List<? extends List<String>> rows, List<String> hrefs) {
    closeCharts();
    for (List<String> row : rows) {
      if (row.size() != header.size()) {
        throw new IllegalArgumentException(
            "a row has " + row.size() + " cells, the header " + header.size());
      }
    }
    boolean[] num = new boolean[header.size()];
    for (int c = 0; c < num.length; c++) {
      num[c] = numericColumn(rows, c);
    }
    body.append("<div class=\"table-wrap\"><table>\n<thead><tr>");
    for (int c = 0; c < header.size(); c++) {
      body.append(num[c] ? "<th class=\"num\">" : "<th>")
          .append(escape(header.get(c)))
          .append("</th>");
    }
    body.append("</tr></thead>\n<tbody>\n");
    for (int r = 0; r < rows.size(); r++) {
      List<String> row = rows.get(r);
      body.append("<tr>");
      for (int c = 0; c < row.size(); c++) {
        String text = escape(row.get(c) == null ? "" : row.get(c));
        String href = c == 0 && hrefs != null ? hrefs.get(r) : null;
        if (href != null) {
          text = "<a href=\"" + escape(href) + "\">" + text + "</a>";
        }
        body.append(num[c] ? "<td class=\"num\">" : "<td>").append(text).append("</td>");
      }
      body.append("</tr>\n");
    }
    body.append("</tbody></table></div>\n");
    return this;
  }

  /**
   * The models table every module shows: one row per model (name, role, each metric as {@code value
   * [lo, hi]}), and the served model's latency percentiles.
   */
  public Report modelTable(ModuleResults results) {
    Set<String> metricNames = new LinkedHashSet<>();
    for (ModelResult m : results.models()) {
      metricNames.addAll(m.metrics().keySet());
    }
    return modelTable(results, List.copyOf(metricNames));
  }

  /**
   * The models table with only the metrics named (in that order; the rest stay in {@code
   * results.json}).
   */
  public Report modelTable(ModuleResults results, List<String> metricNames) {
    boolean anyLatency = false;
    for (ModelResult m : results.models()) {
      anyLatency |= m.latency() != null;
    }
    List<String> header = new ArrayList<>(List.of("model", "role"));
    header.addAll(metricNames);
    if (anyLatency) {
      header.addAll(List.of("p50 ms", "p99 ms", "p99.9 ms", "requests"));
    }
    List<List<String>> rows = new ArrayList<>();
    for (ModelResult m : results.models()) {
      List<String> row = new ArrayList<>(List.of(m.name(), m.role().json()));
      for (String name : metricNames) {
        Metric v = m.metric(name);
        row.add(v == null ? "" : format(v));
      }
      if (anyLatency) {
        Latency l = m.latency();
        if (l == null) {
          row.addAll(List.of("", "", "", ""));
        } else {
          row.addAll(
              List.of(
                  fmt(l.p50Ms()), fmt(l.p99Ms()), fmt(l.p999Ms()), String.valueOf(l.requests())));
        }
      }
      rows.add(row);
    }
    return table(header, rows);
  }

  /**
   * A line chart of one or more series (loss per epoch, recall@k, any curve); axes fit the data.
   *
   * @param title the chart's caption
   * @param xName the x axis' name (with its unit)
   * @param yName the y axis' name
   */
  public Report lineChart(String title, String xName, String yName, List<Series> series) {
    return chart(title, "", lineOption(xName, yName, series, false, false, true));
  }

  /**
   * A line chart whose y axis is logarithmic (throughput over several orders of magnitude, as in
   * the ann-benchmarks recall/QPS plot); every y must be positive.
   *
   * @param title the chart's caption
   * @param xName the x axis' name (with its unit)
   * @param yName the y axis' name
   */
  public Report logLineChart(String title, String xName, String yName, List<Series> series) {
    for (Series s : series) {
      for (double y : s.y()) {
        if (!(y > 0)) {
          throw new IllegalArgumentException("a log axis needs y > 0, series " + s.name());
        }
      }
    }
    Map<String, Object> option = lineOption(xName, yName, series, false, false, true);
    @SuppressWarnings("unchecked")
    Map<String, Object> y = (Map<String, Object>) option.get("yAxis");
    y.put("type", "log");
    y.remove("scale");
    y.put("nameGap", 60); // room for tick labels such as 100,000
    @SuppressWarnings("unchecked")
    Map<String, Object> grid = (Map<String, Object>) option.get("grid");
    grid.put("left", 80);
    return chart(title, "", option);
  }

  /**
   * ROC curves (false against true positive rate) in the unit square, the chance diagonal dashed.
   */
  public Report rocCurves(String title, List<Series> series) {
    return chart(
        title,
        "",
        lineOption("false positive rate", "true positive rate", series, true, true, false));
  }

  /**
   * Precision-recall curves in the unit square; {@code baseRate} (the positive rate, a random
   * ranker's precision) drawn dashed, or NaN for none.
   */
  public Report precisionRecallCurves(String title, List<Series> series, double baseRate) {
    Map<String, Object> option = lineOption("recall", "precision", series, true, false, false);
    if (Double.isFinite(baseRate)) {
      addReference(option, "base rate", List.of(List.of(0, baseRate), List.of(1, baseRate)));
    }
    return chart(title, "", option);
  }

  /**
   * A reliability diagram: per bin, mean predicted probability against the observed positive rate,
   * one series per model, the perfect-calibration diagonal dashed. Book: chapter 8, calibration.
   */
  public Report reliabilityDiagram(String title, List<Series> series) {
    Map<String, Object> option =
        lineOption(
            "mean predicted probability", "observed positive rate", series, true, true, false);
    return chart(title, "points above the diagonal: under-predicted", option);
  }

  /**
   * A metric with its interval per model: a point at the value and a bar from {@code lo} to {@code
   * hi} (models without an interval show the point only).
   *
   * @param metric the metric's name, the value axis' label
   */
  public Report intervalChart(String title, String metric, List<Interval> intervals) {
    List<Interval> list = intervals.stream().filter(i -> i != null).toList();
    List<String> names = list.stream().map(Interval::name).toList();
    List<Object> points = new ArrayList<>();
    List<Object> bars = new ArrayList<>();
    for (int i = 0; i < list.size(); i++) {
      Interval v = list.get(i);
      points.add(List.of(v.value(), i));
      if (Double.isFinite(v.lo()) && Double.isFinite(v.hi())) {
        bars.add(List.of(v.lo(), v.hi(), i));
      }
    }
    Map<String, Object> option = base();
    option.put("grid", obj("left", 150, "right", 30, "top", 20, "bottom", 50));
    option.put(
        "xAxis",
        obj(
            "type",
            "value",
            "name",
            metric,
            "nameLocation",
            "middle",
            "nameGap",
            28,
            "scale",
            true));
    option.put(
        "yAxis",
        obj(
            "type",
            "category",
            "data",
            names,
            "inverse",
            true,
            "axisLabel",
            obj("width", 140, "overflow", "truncate")));
    option.put("tooltip", obj("trigger", "item"));
    option.put(
        "series",
        List.of(
            obj(
                "type",
                "custom",
                "name",
                "interval",
                "renderItem",
                "errorBar",
                "encode",
                obj("x", List.of(0, 1), "y", 2),
                "data",
                bars,
                "z",
                1),
            obj(
                "type",
                "scatter",
                "name",
                metric,
                "data",
                points,
                "symbolSize",
                10,
                "z",
                2,
                "itemStyle",
                obj("color", PALETTE[0]))));
    return chart(title, "point: estimate; bar: interval", option);
  }

  /**
   * Histograms over shared bins, one series per name (latency per serving stage), drawn as grouped
   * bars over the bins' ranges.
   *
   * @param xName the value's name with its unit ("latency, µs")
   */
  public Report histogram(String title, String xName, List<HistogramSeries> series) {
    if (series.isEmpty()) {
      throw new IllegalArgumentException("a histogram needs at least one series");
    }
    double[] edges = series.getFirst().edges();
    for (HistogramSeries s : series) {
      if (!java.util.Arrays.equals(s.edges(), edges)) {
        throw new IllegalArgumentException("every series of one histogram needs the same bins");
      }
    }
    // log-spaced bins (latencies) get a log axis with each bin at its geometric centre
    boolean log = edges[0] > 0 && logSpaced(edges);
    Map<String, Object> option = base();
    int legendRows = legendRows(series.stream().map(HistogramSeries::name).toList());
    option.put("grid", obj("left", 60, "right", 24, "top", 24 + 22 * legendRows, "bottom", 50));
    option.put("legend", obj("top", 0, "type", "plain"));
    option.put("tooltip", obj("trigger", "axis"));
    Map<String, Object> x =
        obj("type", log ? "log" : "value", "name", xName, "nameLocation", "middle", "nameGap", 28);
    if (!log) { // a log axis picks powers of ten itself
      x.put("min", edges[0]);
      x.put("max", edges[edges.length - 1]);
    }
    option.put("xAxis", x);
    option.put(
        "yAxis", obj("type", "value", "name", "count", "nameLocation", "middle", "nameGap", 44));
    List<Object> list = new ArrayList<>();
    for (HistogramSeries s : series) {
      List<Object> data = new ArrayList<>();
      for (int i = 0; i < s.counts().length; i++) {
        double centre = log ? Math.sqrt(edges[i] * edges[i + 1]) : (edges[i] + edges[i + 1]) / 2;
        data.add(List.of(centre, s.counts()[i]));
      }
      list.add(
          obj(
              "type",
              "line",
              "name",
              s.name(),
              "data",
              data,
              "step",
              "middle",
              "showSymbol",
              false,
              "lineStyle",
              obj("width", 2),
              "areaStyle",
              obj("opacity", 0.12)));
    }
    option.put("series", list);
    return chart(title, "", option);
  }

  private static boolean logSpaced(double[] edges) {
    double ratio = edges[1] / edges[0];
    for (int i = 2; i < edges.length; i++) {
      if (Math.abs(edges[i] / edges[i - 1] - ratio) > 1e-6 * ratio) {
        return false;
      }
    }
    return ratio > 1.05;
  }

  /** Rough number of legend rows for a chart half a page wide (about 60 characters a row). */
  private static int legendRows(List<String> names) {
    int chars = 0;
    for (String n : names) {
      chars += n.length() + 6;
    }
    return Math.max(1, (chars + 59) / 60);
  }

  /**
   * Rows of small images with captions (a query and its results), embedded as {@code data:} URIs.
   */
  public Report imageGrid(String title, List<ImageRow> rows) {
    closeCharts();
    body.append("<div class=\"image-grid\">\n<h3>").append(escape(title)).append("</h3>\n");
    for (ImageRow row : rows) {
      body.append("<div class=\"image-row\"><div class=\"row-caption\">")
          .append(escape(row.caption()))
          .append("</div>");
      for (Image image : row.images()) {
        body.append("<figure><img alt=\"")
            .append(escape(image.caption()))
            .append("\" src=\"")
            .append(image.dataUri())
            .append("\"><figcaption>")
            .append(escape(image.caption()))
            .append("</figcaption></figure>");
      }
      body.append("</div>\n");
    }
    body.append("</div>\n");
    return this;
  }

  /** A link (to another report, a file beside this one). */
  public Report link(String text, String href) {
    closeCharts();
    body.append("<p><a href=\"")
        .append(escape(href))
        .append("\">")
        .append(escape(text))
        .append("</a></p>\n");
    return this;
  }

  /** Number of charts added so far. */
  public int chartCount() {
    return charts.size();
  }

  /** The whole page. */
  public String html() {
    closeCharts();
    StringBuilder page = new StringBuilder(body.length() + 1_100_000);
    page.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
        .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
        .append("<title>")
        .append(escape(title))
        .append("</title>\n<style>\n")
        .append(resource("report.css"))
        .append("</style>\n<script>\n")
        .append(resource("report-head.js"))
        .append("</script>\n</head>\n<body>\n<header class=\"page\"><h1>")
        .append(escape(title))
        .append("</h1>");
    if (!subtitle.isEmpty()) {
      page.append("<div class=\"sub\">").append(escape(subtitle)).append("</div>");
    }
    if (!sections.isEmpty()) {
      page.append("<nav>");
      sections.forEach(
          (id, heading) ->
              page.append("<a href=\"#")
                  .append(id)
                  .append("\">")
                  .append(escape(heading))
                  .append("</a>"));
      page.append("</nav>");
    }
    page.append("</header>\n<main>\n")
        .append(body)
        .append("<footer>Generated ")
        .append(Instant.now().truncatedTo(ChronoUnit.SECONDS))
        .append(" by mlsd")
        .append(charts.isEmpty() ? "" : "; charts by ECharts " + echartsVersion())
        .append(".</footer>\n</main>\n");
    if (!charts.isEmpty()) {
      page.append("<script type=\"application/json\" id=\"mlsd-charts\">")
          .append(scriptSafe(toJson(charts)))
          .append("</script>\n<script>\n")
          .append(echartsScript())
          .append("\n</script>\n<script>\n")
          .append(resource("report-charts.js"))
          .append("</script>\n");
    }
    page.append("</body>\n</html>\n");
    return page.toString();
  }

  /**
   * Writes the page to {@code dir/report.html} (creating {@code dir}), replacing an earlier one
   * atomically.
   *
   * @return the file written
   */
  public Path write(Path dir) throws IOException {
    return writeTo(dir.resolve(FILE_NAME));
  }

  /** Writes the page to {@code file}, replacing an earlier one atomically. */
  public Path writeTo(Path file) throws IOException {
    Path dir = file.toAbsolutePath().getParent();
    Files.createDirectories(dir);
    Path tmp = dir.resolve(file.getFileName() + ".tmp");
    Files.writeString(tmp, html(), StandardCharsets.UTF_8);
    Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    return file;
  }

  /** Escapes text for HTML content and attribute values. */
  public static String escape(String text) {
    if (text == null) {
      return "";
    }
    StringBuilder b = new StringBuilder(text.length() + 16);
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '<' -> b.append("&lt;");
        case '>' -> b.append("&gt;");
        case '&' -> b.append("&amp;");
        case '"' -> b.append("&quot;");
        case '\'' -> b.append("&#39;");
        default -> b.append(c);
      }
    }
    return b.toString();
  }

  /** {@code value [lo, hi]} with four significant decimals, or the value alone. */
  public static String format(Metric m) {
    return m.hasInterval()
        ? fmt(m.value()) + " [" + fmt(m.lo()) + ", " + fmt(m.hi()) + "]"
        : fmt(m.value());
  }

  // ---------------------------------------------------------------------------------------------

  private Report chart(String caption, String note, Map<String, Object> option) {
    if (!inCharts) {
      body.append("<div class=\"charts\">\n");
      inCharts = true;
    }
    int index = charts.size();
    charts.add(option);
    body.append("<figure class=\"chart-box\"><figcaption>").append(escape(caption));
    if (!note.isEmpty()) {
      body.append(" <span class=\"note\">(").append(escape(note)).append(")</span>");
    }
    body.append("</figcaption><div class=\"chart\" data-chart=\"")
        .append(index)
        .append("\"></div></figure>\n");
    return this;
  }

  private void closeCharts() {
    if (inCharts) {
      body.append("</div>\n");
      inCharts = false;
    }
  }

  private static Map<String, Object> base() {
    Map<String, Object> option = new LinkedHashMap<>();
    option.put("animation", false);
    option.put("color", List.of(PALETTE));
    option.put("textStyle", obj("fontFamily", "system-ui, sans-serif"));
    return option;
  }

  private static Map<String, Object> lineOption(
      String xName,
      String yName,
      List<Series> series,
      boolean unit,
      boolean diagonal,
      boolean symbols) {
    Map<String, Object> option = base();
    int legendRows = legendRows(series.stream().map(Series::name).toList());
    option.put("grid", obj("left", 60, "right", 24, "top", 24 + 22 * legendRows, "bottom", 50));
    option.put("legend", obj("top", 0, "type", "plain"));
    option.put("tooltip", obj("trigger", "axis"));
    Map<String, Object> x =
        obj("type", "value", "name", xName, "nameLocation", "middle", "nameGap", 28);
    Map<String, Object> y =
        obj("type", "value", "name", yName, "nameLocation", "middle", "nameGap", 44);
    if (unit) {
      x.put("min", 0);
      x.put("max", 1);
      y.put("min", 0);
      y.put("max", 1);
    } else {
      x.put("scale", true);
      y.put("scale", true);
    }
    option.put("xAxis", x);
    option.put("yAxis", y);
    List<Object> list = new ArrayList<>();
    for (Series s : series) {
      Series t = s.thin(MAX_POINTS);
      List<Object> data = new ArrayList<>(t.size());
      for (int i = 0; i < t.size(); i++) {
        if (Double.isFinite(t.x()[i]) && Double.isFinite(t.y()[i])) {
          data.add(List.of(t.x()[i], t.y()[i]));
        }
      }
      boolean points = symbols || t.size() <= 25;
      list.add(
          obj(
              "type",
              "line",
              "name",
              s.name(),
              "data",
              data,
              "showSymbol",
              points,
              "symbolSize",
              5,
              "lineStyle",
              obj("width", 2)));
    }
    option.put("series", list);
    if (diagonal) {
      addReference(option, "chance", List.of(List.of(0, 0), List.of(1, 1)));
    }
    return option;
  }

  @SuppressWarnings("unchecked")
  private static void addReference(Map<String, Object> option, String name, List<Object> points) {
    List<Object> list = new ArrayList<>((List<Object>) option.get("series"));
    list.add(
        obj(
            "type",
            "line",
            "name",
            name,
            "data",
            points,
            "showSymbol",
            false,
            "silent",
            true,
            "lineStyle",
            obj("type", "dashed", "width", 1, "color", "#9aa3b0"),
            "itemStyle",
            obj("color", "#9aa3b0")));
    option.put("series", list);
  }

  private static Map<String, Object> obj(Object... keyValues) {
    Map<String, Object> m = new LinkedHashMap<>();
    for (int i = 0; i < keyValues.length; i += 2) {
      m.put((String) keyValues[i], keyValues[i + 1]);
    }
    return m;
  }

  private static boolean numericColumn(List<? extends List<String>> rows, int c) {
    boolean any = false;
    for (List<String> r : rows) {
      String v = r.get(c);
      if (v == null || v.isEmpty() || v.equals("-") || v.equals("—")) {
        continue;
      }
      if (!numeric(v)) {
        return false;
      }
      any = true;
    }
    return any;
  }

  private static boolean numeric(String text) {
    return text != null && !text.isEmpty() && NUMERIC.matcher(text.strip()).matches();
  }

  private static String fmt(double v) {
    if (v == Math.rint(v) && Math.abs(v) < 1e9) {
      return String.format(Locale.ROOT, "%.0f", v);
    }
    double a = Math.abs(v);
    return String.format(Locale.ROOT, a >= 100 ? "%.1f" : a >= 0.01 ? "%.4f" : "%.3g", v);
  }

  private static String shortNumber(double v) {
    return v >= 100
        ? String.format(Locale.ROOT, "%.0f", v)
        : v >= 10 ? String.format(Locale.ROOT, "%.1f", v) : String.format(Locale.ROOT, "%.2g", v);
  }

  private static String toJson(Object value) {
    try {
      return JSON.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("chart options are not JSON", e);
    }
  }

  /** JSON inside a script element: "</" could close it, "<!--" could open a comment. */
  private static String scriptSafe(String json) {
    return json.replace("</", "<\\/").replace("<!--", "<\\!--");
  }

  private static String resource(String name) {
    try (InputStream in = Report.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + name + " beside Report");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static volatile String echarts;

  /** The version of the ECharts WebJar on the class path. */
  static String echartsVersion() {
    try (InputStream in =
        Report.class.getResourceAsStream(
            "/META-INF/maven/org.webjars.npm/echarts/pom.properties")) {
      if (in == null) {
        throw new IllegalStateException("the ECharts WebJar (org.webjars.npm:echarts) is missing");
      }
      Properties p = new Properties();
      p.load(in);
      return p.getProperty("version");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** echarts.min.js from the WebJar, read once per JVM. */
  static String echartsScript() {
    String s = echarts;
    if (s == null) {
      String path =
          "/META-INF/resources/webjars/echarts/" + echartsVersion() + "/dist/echarts.min.js";
      try (InputStream in = Report.class.getResourceAsStream(path)) {
        if (in == null) {
          throw new IllegalStateException("the ECharts WebJar has no " + path);
        }
        s = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      // a script element ends at the first "</script": the bundle has none, but make sure
      s = s.replace("</script", "<\\/script");
      echarts = s;
    }
    return s;
  }
}
