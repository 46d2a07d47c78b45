package dev.mlsd.core.demo;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Builds a demo's {@code report.html}: one self-contained page (no scripts, no external files) with
 * headings, text, tables and plots drawn as inline SVG: a calibration plot (reliability diagram:
 * mean predicted against observed rate per bin, one series per model, the diagonal for reference)
 * and a histogram (e.g. request latency).
 *
 * <p>Thread safety: none; build on one thread.
 *
 * @deprecated superseded by {@link dev.mlsd.core.report.Report} (one schema and one look for every
 *     module); kept until no branch uses it.
 */
@Deprecated
public final class HtmlReport {
  private static final String[] COLORS = {
    "#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f"
  };
  private static final int W = 560;
  private static final int H = 360;
  private static final int PAD = 48;

  private final StringBuilder body = new StringBuilder();
  private final String title;

  /** Starts a report with a page title. */
  public HtmlReport(String title) {
    this.title = title;
  }

  /**
   * One series of a calibration plot.
   *
   * @param name the model
   * @param meanPredicted per non-empty bin, the mean prediction
   * @param observed per non-empty bin, the observed positive rate
   */
  public record CalibrationSeries(String name, double[] meanPredicted, double[] observed) {
    /** Checks the lengths. */
    public CalibrationSeries {
      if (meanPredicted.length != observed.length) {
        throw new IllegalArgumentException("predicted and observed differ in length");
      }
    }
  }

  /** Adds a heading. */
  public HtmlReport heading(String text) {
    body.append("<h2>").append(escape(text)).append("</h2>\n");
    return this;
  }

  /** Adds a paragraph. */
  public HtmlReport paragraph(String text) {
    body.append("<p>").append(escape(text)).append("</p>\n");
    return this;
  }

  /** Adds preformatted text (a console table). */
  public HtmlReport preformatted(String text) {
    body.append("<pre>").append(escape(text)).append("</pre>\n");
    return this;
  }

  /** Adds a table; the first row is the header. */
  public HtmlReport table(List<List<String>> rows) {
    body.append("<table>\n");
    for (int r = 0; r < rows.size(); r++) {
      body.append("<tr>");
      for (String c : rows.get(r)) {
        String tag = r == 0 ? "th" : "td";
        body.append('<')
            .append(tag)
            .append('>')
            .append(escape(c))
            .append("</")
            .append(tag)
            .append('>');
      }
      body.append("</tr>\n");
    }
    body.append("</table>\n");
    return this;
  }

  /** Adds a calibration plot: observed rate against mean prediction, per bin, per series. */
  public HtmlReport calibrationPlot(String caption, List<CalibrationSeries> series) {
    double max = 0;
    for (CalibrationSeries s : series) {
      for (int i = 0; i < s.meanPredicted().length; i++) {
        max = Math.max(max, Math.max(s.meanPredicted()[i], s.observed()[i]));
      }
    }
    double top = max <= 0 ? 1 : Math.min(1, niceCeil(max));
    StringBuilder svg = svgStart(caption);
    axes(svg, "mean predicted P(click)", "observed click rate", 0, top, 0, top);
    svg.append(
        String.format(
            Locale.ROOT,
            "<line x1='%d' y1='%d' x2='%d' y2='%d' stroke='#bbb' stroke-dasharray='4 3'/>\n",
            PAD,
            H - PAD,
            W - PAD,
            PAD));
    for (int k = 0; k < series.size(); k++) {
      CalibrationSeries s = series.get(k);
      String color = COLORS[k % COLORS.length];
      StringBuilder pts = new StringBuilder();
      for (int i = 0; i < s.meanPredicted().length; i++) {
        double x = sx(s.meanPredicted()[i], 0, top);
        double y = sy(s.observed()[i], 0, top);
        pts.append(String.format(Locale.ROOT, "%.1f,%.1f ", x, y));
        svg.append(
            String.format(
                Locale.ROOT, "<circle cx='%.1f' cy='%.1f' r='3' fill='%s'/>\n", x, y, color));
      }
      svg.append(
          String.format(
              Locale.ROOT,
              "<polyline points='%s' fill='none' stroke='%s' stroke-width='1.5'/>\n",
              pts.toString().trim(),
              color));
      svg.append(
          String.format(
              Locale.ROOT,
              "<text x='%d' y='%d' font-size='12' fill='%s'>%s</text>\n",
              PAD + 10,
              PAD + 14 + 16 * k,
              color,
              escape(s.name())));
    }
    return svgEnd(svg);
  }

  /**
   * Adds a histogram.
   *
   * @param edges bin edges, one more than counts
   * @param counts per bin
   * @param marker an x value to mark with a vertical line (e.g. the latency budget), or NaN
   */
  public HtmlReport histogram(
      String caption, String xLabel, double[] edges, long[] counts, double marker) {
    if (edges.length != counts.length + 1 || counts.length == 0) {
      throw new IllegalArgumentException("need counts.length + 1 edges and at least one bin");
    }
    long maxCount = 1;
    for (long c : counts) {
      maxCount = Math.max(maxCount, c);
    }
    double lo = edges[0];
    double hi = edges[edges.length - 1];
    if (!Double.isNaN(marker) && marker > hi) {
      hi = marker * 1.05;
    }
    StringBuilder svg = svgStart(caption);
    axes(svg, xLabel, "requests", lo, hi, 0, maxCount);
    for (int i = 0; i < counts.length; i++) {
      double x0 = sx(edges[i], lo, hi);
      double x1 = sx(edges[i + 1], lo, hi);
      double y = sy(counts[i], 0, maxCount);
      svg.append(
          String.format(
              Locale.ROOT,
              "<rect x='%.1f' y='%.1f' width='%.1f' height='%.1f' fill='%s'/>\n",
              x0,
              y,
              Math.max(0.5, x1 - x0 - 0.5),
              (H - PAD) - y,
              COLORS[0]));
    }
    if (!Double.isNaN(marker)) {
      double x = sx(marker, lo, hi);
      svg.append(
          String.format(
              Locale.ROOT,
              "<line x1='%.1f' y1='%d' x2='%.1f' y2='%d' stroke='#d62728' stroke-dasharray='5 3'/>"
                  + "<text x='%.1f' y='%d' font-size='12' fill='#d62728'>%s</text>\n",
              x,
              PAD,
              x,
              H - PAD,
              x - 40,
              PAD - 6,
              "budget " + fmt(marker)));
    }
    return svgEnd(svg);
  }

  /** The page. */
  public String render() {
    return "<!DOCTYPE html>\n<html lang='en'><head><meta charset='utf-8'><title>"
        + escape(title)
        + "</title><style>body{font-family:sans-serif;max-width:980px;margin:2em auto;color:#222}"
        + "pre{background:#f6f6f6;padding:8px;overflow-x:auto;font-size:12px}"
        + "table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:3px 8px;"
        + "font-size:13px;text-align:right}th{background:#eee}figure{margin:1em 0}</style>"
        + "</head><body>\n<h1>"
        + escape(title)
        + "</h1>\n"
        + body
        + "</body></html>\n";
  }

  /** Writes the page, creating its folder. */
  public void write(Path file) throws IOException {
    Files.createDirectories(file.toAbsolutePath().getParent());
    Files.writeString(file, render());
  }

  private StringBuilder svgStart(String caption) {
    StringBuilder svg = new StringBuilder();
    svg.append("<figure><svg xmlns='http://www.w3.org/2000/svg' width='")
        .append(W)
        .append("' height='")
        .append(H)
        .append("' role='img'><title>")
        .append(escape(caption))
        .append("</title>\n");
    return svg;
  }

  private HtmlReport svgEnd(StringBuilder svg) {
    svg.append("</svg><figcaption>");
    body.append(svg).append(escape(extractTitle(svg))).append("</figcaption></figure>\n");
    return this;
  }

  private static String extractTitle(StringBuilder svg) {
    int a = svg.indexOf("<title>") + 7;
    int b = svg.indexOf("</title>");
    return unescape(svg.substring(a, b));
  }

  private static void axes(
      StringBuilder svg, String xLabel, String yLabel, double x0, double x1, double y0, double y1) {
    svg.append(
        String.format(
            Locale.ROOT,
            "<line x1='%d' y1='%d' x2='%d' y2='%d' stroke='#333'/>"
                + "<line x1='%d' y1='%d' x2='%d' y2='%d' stroke='#333'/>\n",
            PAD,
            H - PAD,
            W - PAD,
            H - PAD,
            PAD,
            PAD,
            PAD,
            H - PAD));
    for (int t = 0; t <= 4; t++) {
      double fx = x0 + (x1 - x0) * t / 4;
      double fy = y0 + (y1 - y0) * t / 4;
      svg.append(
          String.format(
              Locale.ROOT,
              "<text x='%.1f' y='%d' font-size='11' text-anchor='middle'>%s</text>"
                  + "<text x='%d' y='%.1f' font-size='11' text-anchor='end'>%s</text>\n",
              sx(fx, x0, x1),
              H - PAD + 16,
              fmt(fx),
              PAD - 4,
              sy(fy, y0, y1) + 4,
              fmt(fy)));
    }
    svg.append(
        String.format(
            Locale.ROOT,
            "<text x='%d' y='%d' font-size='12' text-anchor='middle'>%s</text>"
                + "<text x='14' y='%d' font-size='12' text-anchor='middle'"
                + " transform='rotate(-90 14 %d)'>%s</text>\n",
            W / 2,
            H - 10,
            escape(xLabel),
            H / 2,
            H / 2,
            escape(yLabel)));
  }

  private static double sx(double v, double lo, double hi) {
    return PAD + (W - 2 * PAD) * (hi == lo ? 0 : (v - lo) / (hi - lo));
  }

  private static double sy(double v, double lo, double hi) {
    return (H - PAD) - (H - 2 * PAD) * (hi == lo ? 0 : (v - lo) / (hi - lo));
  }

  private static double niceCeil(double v) {
    double step = Math.pow(10, Math.floor(Math.log10(v))) / 2;
    return Math.ceil(v / step) * step;
  }

  private static String fmt(double v) {
    if (v == Math.rint(v) && Math.abs(v) < 1e9) {
      return Long.toString((long) v);
    }
    return String.format(Locale.ROOT, Math.abs(v) < 0.1 ? "%.3f" : "%.2f", v);
  }

  /** HTML-escapes text. */
  public static String escape(String s) {
    return s.replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace("'", "&#39;")
        .replace("\"", "&quot;");
  }

  private static String unescape(String s) {
    return s.replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&gt;", ">")
        .replace("&lt;", "<")
        .replace("&amp;", "&");
  }
}
