package dev.mlsd.core.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mlsd.core.results.ResultsFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportTest {
  @Test
  void textIsEscapedEverywhere() {
    String html =
        new Report("<b>title</b>", "a & b")
            .section("<h2>section</h2>")
            .paragraph("<p>not markup</p>")
            .preformatted("<script>alert(1)</script>")
            .keyValues(Map.of("<k>", "<v>"))
            .table(List.of("<th>"), List.of(List.of("<td>")))
            .html();
    assertFalse(html.contains("<p><p>"));
    assertTrue(html.contains("&lt;p&gt;not markup&lt;/p&gt;"));
    assertTrue(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
    assertTrue(html.contains("<h1>&lt;b&gt;title&lt;/b&gt;</h1>"));
    assertTrue(html.contains("a &amp; b"));
    assertTrue(html.contains("<td>&lt;td&gt;</td>"));
  }

  @Test
  void numericColumnsAreRightAligned() {
    String html =
        new Report("t", "")
            .table(
                List.of("model", "auc", "p99 ms"),
                List.of(List.of("DCN", "0.7912 [0.78, 0.80]", "1.2"), List.of("LR", "0.75", "")))
            .html();
    assertTrue(
        html.contains("<th>model</th><th class=\"num\">auc</th><th class=\"num\">p99 ms</th>"));
    assertTrue(html.contains("<td>DCN</td><td class=\"num\">0.7912 [0.78, 0.80]</td>"));
    assertThrows(
        IllegalArgumentException.class,
        () -> new Report("t", "").table(List.of("a", "b"), List.of(List.of("1"))));
  }

  @Test
  void chartsInlineEchartsAndTheirOptions() {
    Report r = new Report("t", "");
    assertFalse(r.html().contains("echarts"), "a page without charts carries no ECharts");
    r.rocCurves(
        "ROC",
        List.of(new Series("m</script>", new double[] {0, 0.5, 1}, new double[] {0, 0.7, 1})));
    r.intervalChart("AUC", "auc", List.of(new Interval("m", 0.7, 0.6, 0.8)));
    String html = r.html();
    assertEquals(2, r.chartCount());
    assertTrue(html.contains("data-chart=\"1\""));
    assertTrue(html.length() > 900_000, "echarts.min.js is inlined");
    assertTrue(html.contains("id=\"mlsd-charts\""));
    assertFalse(html.contains("m</script>"), "a series name cannot close the script");
    assertTrue(html.contains("\"renderItem\":\"errorBar\""));
    assertFalse(html.contains("src=\"http"), "nothing is loaded from the network");
  }

  @Test
  void logLineChartHasALogYAxisAndRefusesNonPositiveValues() {
    Series qps = new Series("index", new double[] {0.9, 0.95, 0.99}, new double[] {9e4, 5e4, 1e4});
    String html = new Report("t", "").logLineChart("curve", "recall", "QPS", List.of(qps)).html();
    assertTrue(html.contains("\"type\":\"log\""), "the y axis is logarithmic");
    Series zero = new Series("bad", new double[] {0.5}, new double[] {0});
    assertThrows(
        IllegalArgumentException.class,
        () -> new Report("t", "").logLineChart("c", "x", "y", List.of(zero)));
  }

  @Test
  void seriesThinKeepsEndsAndHistogramsCountEverything() {
    double[] x = new double[10_001];
    double[] y = new double[10_001];
    for (int i = 0; i < x.length; i++) {
      x[i] = i;
      y[i] = 2 * i;
    }
    Series t = new Series("s", x, y).thin(400);
    assertEquals(400, t.size());
    assertEquals(0, t.x()[0]);
    assertEquals(10_000, t.x()[399]);
    double[] edges = HistogramSeries.logEdges(1, 1000, 2);
    assertEquals(7, edges.length);
    assertEquals(10, edges[2], 1e-9);
    HistogramSeries h = HistogramSeries.of("stage", new double[] {0.5, 1, 5, 10, 999, 5000}, edges);
    assertEquals(6, java.util.Arrays.stream(h.counts()).sum());
    assertEquals(2, h.counts()[0]); // 0.5 clamps into the first bin with 1
    assertEquals(2, h.counts()[5]); // 999 and 5000 (clamped) in the last
    assertThrows(IllegalArgumentException.class, () -> new Image("http://x/y.png", "no"));
  }

  @Test
  void indexListsEveryModuleWithItsHeadline(@TempDir Path root) throws Exception {
    ResultsFile.write(root.resolve("ad-ctr"), dev.mlsd.core.results.ResultsFileTest.sample());
    new Report("ad", "").write(root.resolve("ad-ctr"));
    Files.createDirectories(root.resolve("broken"));
    Files.writeString(root.resolve("broken/results.json"), "{\"module\": \"broken\"}");
    Files.createDirectories(root.resolve("empty"));
    Path index = ReportIndex.write(root);
    String html = Files.readString(index);
    assertTrue(html.contains("<a href=\"ad-ctr/report.html\">ad-ctr</a>"), html);
    assertTrue(html.contains("auc 0.7900 [0.7800, 0.8000]"));
    assertTrue(html.contains("results.json breaks the schema"));
    assertFalse(html.contains(">empty<"));
  }
}
