package dev.mlsd.core.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mlsd.core.results.ModuleResults;
import dev.mlsd.core.results.ResultsFile;
import dev.mlsd.core.results.ResultsFileTest;
import dev.mlsd.core.testing.Browser;
import dev.mlsd.core.testing.ReportCheck;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Renders a report with every kind of chart in headless Chromium (screenshots in target/). */
class ReportRenderTest {
  static final Path SHOTS = Path.of("target", "report-screenshots");

  static Report sample(ModuleResults results) throws Exception {
    Report r = new Report("Sample report <every chart kind>", "core · chapter 1 · seed 42");
    r.section("Models").paragraph("The comparison every module shows, with <escaped> text.");
    r.modelTable(results);
    r.section("Evaluation");
    List<Series> roc = new ArrayList<>();
    List<Series> pr = new ArrayList<>();
    List<Series> reliability = new ArrayList<>();
    for (int m = 0; m < 3; m++) {
      double power = 1.5 + m;
      double[] x = new double[500];
      double[] y = new double[500];
      double[] p = new double[500];
      for (int i = 0; i < x.length; i++) {
        x[i] = i / 499.0;
        y[i] = Math.pow(x[i], 1 / power);
        p[i] = 0.2 + 0.8 * Math.pow(1 - x[i], power);
      }
      roc.add(new Series("model " + m, x, y));
      pr.add(new Series("model " + m, x, p));
      double[] bins = {0.05, 0.15, 0.25, 0.35, 0.45, 0.55, 0.65, 0.75, 0.85, 0.95};
      double[] observed = bins.clone();
      for (int b = 0; b < bins.length; b++) {
        observed[b] = Math.min(1, bins[b] * (0.8 + 0.15 * m));
      }
      reliability.add(new Series("model " + m, bins, observed));
    }
    r.rocCurves("ROC, test split", roc);
    r.precisionRecallCurves("Precision-recall, test split", pr, 0.2);
    r.reliabilityDiagram("Reliability diagram", reliability);
    r.intervalChart(
        "AUC with 95% bootstrap interval",
        "auc", results.models().stream().map(m -> Interval.of(m, "auc")).toList());
    r.lineChart(
        "Training loss per epoch",
        "epoch",
        "log loss",
        List.of(
            Series.ofY("train", new double[] {0.6, 0.5, 0.46, 0.44}),
            Series.ofY("validation", new double[] {0.61, 0.52, 0.49, 0.485})));
    r.lineChart(
        "recall@k",
        "k",
        "recall",
        List.of(
            new Series(
                "two-tower", new double[] {1, 10, 50, 100}, new double[] {0.05, 0.2, 0.4, 0.5})));
    r.section("Serving");
    double[] edges = HistogramSeries.logEdges(1, 10_000, 4);
    java.util.Random random = new java.util.Random(42);
    List<HistogramSeries> stages = new ArrayList<>();
    for (String stage : List.of("candidates", "features", "ranking")) {
      double[] v = new double[2000];
      double scale = stage.equals("ranking") ? 300 : stage.equals("features") ? 40 : 8;
      for (int i = 0; i < v.length; i++) {
        v[i] = scale * Math.exp(0.5 * random.nextGaussian());
      }
      stages.add(HistogramSeries.of(stage, v, edges));
    }
    r.histogram("Latency per stage", "latency, µs", stages);
    List<Image> images = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      BufferedImage img = new BufferedImage(32, 32, BufferedImage.TYPE_INT_RGB);
      for (int y = 0; y < 32; y++) {
        for (int x = 0; x < 32; x++) {
          img.setRGB(x, y, ((x * 8) << 16) | ((y * 8) << 8) | (i * 60));
        }
      }
      ByteArrayOutputStream png = new ByteArrayOutputStream();
      ImageIO.write(img, "png", png);
      images.add(Image.png(png.toByteArray(), "result " + (i + 1) + " <b>"));
    }
    r.imageGrid("Queries and their results", List.of(new ImageRow("query 1", images)));
    return r;
  }

  @Test
  void everyChartDrawsInChromium(@TempDir Path dir) throws Exception {
    ModuleResults results = ResultsFileTest.sample();
    Path report = sample(results).write(dir.resolve("core"));
    ResultsFile.write(dir.resolve("core"), results);
    Path index = ReportIndex.write(dir);
    try (Browser browser = Browser.open()) {
      ReportCheck check = ReportCheck.of(browser, report, SHOTS.resolve("sample-report.png"));
      assertTrue(check.ok(), check.problems());
      assertEquals(7, check.chartsExpected());
      assertEquals(
          4,
          ((Number) browser.script("return document.querySelectorAll('.image-row img').length;"))
              .intValue());
      ReportCheck indexCheck = ReportCheck.of(browser, index, SHOTS.resolve("sample-index.png"));
      assertTrue(indexCheck.ok(), indexCheck.problems());
      assertEquals(
          1L,
          browser.script(
              "return document.querySelectorAll('a[href=\"core/report.html\"]').length;"));
    }
  }

  @Test
  void aScriptErrorIsCaught(@TempDir Path dir) throws Exception {
    Path page = dir.resolve("bad.html");
    java.nio.file.Files.writeString(
        page,
        new Report("bad", "")
            .html()
            .replace("</body>", "<script>undefinedFunction();</script></body>"));
    try (Browser browser = Browser.open()) {
      ReportCheck check = ReportCheck.of(browser, page, SHOTS.resolve("bad.png"));
      assertEquals(1, check.scriptErrors().size(), check.problems());
      assertTrue(!check.ok());
    }
  }
}
