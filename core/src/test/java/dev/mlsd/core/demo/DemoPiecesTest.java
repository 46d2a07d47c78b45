package dev.mlsd.core.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@SuppressWarnings("deprecation")
class DemoPiecesTest {
  @Test
  void resultsJsonHasTheSharedShapeWithNullsForMissingAndNonFinite(@TempDir Path dir)
      throws Exception {
    Map<String, Double> m = new LinkedHashMap<>();
    m.put("auc", 0.75);
    m.put("nce", 0.9);
    m.put("log_loss", Double.NaN);
    m.put("p99_ms", 1.5);
    m.put("extra_metric", 3.0);
    Path file = dir.resolve("out/results.json");
    ResultsJson.write(
        file,
        "ad-ctr",
        "criteo-sample",
        42,
        List.of(new ResultsJson.ModelResult("DCN", m)),
        Map.of("served_model", "DCN"));
    JsonNode root = new ObjectMapper().readTree(Files.readString(file));
    assertEquals("ad-ctr", root.get("module").asText());
    JsonNode model = root.get("models").get(0);
    assertEquals("DCN", model.get("name").asText());
    for (String k : ResultsJson.STANDARD) {
      assertTrue(model.has(k), k);
    }
    assertEquals(0.75, model.get("auc").asDouble());
    assertTrue(model.get("log_loss").isNull(), "NaN is written as null");
    assertTrue(model.get("pr_auc").isNull(), "a missing standard metric is null");
    assertEquals(3.0, model.get("extra_metric").asDouble());
    assertEquals("DCN", root.get("served_model").asText());
    assertThrows(IllegalArgumentException.class, () -> new ResultsJson.ModelResult(" ", m));
  }

  @Test
  void htmlReportIsSelfContainedAndEscapes(@TempDir Path dir) throws Exception {
    HtmlReport r = new HtmlReport("a <b> & c");
    r.paragraph("x < y")
        .calibrationPlot(
            "cal",
            List.of(
                new HtmlReport.CalibrationSeries(
                    "m<1>", new double[] {0.1, 0.3}, new double[] {0.12, 0.28})))
        .histogram("lat", "ms", new double[] {0, 1, 2}, new long[] {5, 1}, 10)
        .table(List.of(List.of("h1", "h2"), List.of("1", "2")));
    String html = r.render();
    assertTrue(html.contains("a &lt;b&gt; &amp; c"));
    assertTrue(html.contains("m&lt;1&gt;"));
    assertEquals(2, html.split("<svg ", -1).length - 1);
    assertTrue(!html.contains("<script"), "no scripts");
    Path f = dir.resolve("r/report.html");
    r.write(f);
    assertEquals(html, Files.readString(f));
    assertThrows(
        IllegalArgumentException.class,
        () -> r.histogram("bad", "ms", new double[] {0, 1}, new long[] {1, 2}, Double.NaN));
    assertThrows(
        IllegalArgumentException.class,
        () -> new HtmlReport.CalibrationSeries("x", new double[1], new double[2]));
  }

  @Test
  void narratorRunsTheSevenStepsInOrderOnly() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
    StepNarrator n = new StepNarrator(out, "m");
    n.step(1);
    n.kv("k", "v");
    n.step(3);
    assertThrows(IllegalArgumentException.class, () -> n.step(2));
    assertThrows(IllegalArgumentException.class, () -> n.step(8));
    n.done();
    String text = bytes.toString(StandardCharsets.UTF_8);
    assertTrue(text.contains("Step 1/7: Clarifying requirements"));
    assertTrue(text.contains("Step 3/7: Data preparation"));
    assertTrue(text.indexOf("Step 1/7") < text.indexOf("Step 3/7"));
  }

  @Test
  void progressBarClampsAndRefusesNegativeWork() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
    try (Progress bar = new Progress(out, "train", 10)) {
      bar.accept(4);
      assertEquals(0.4, bar.fraction(), 1e-12);
      bar.accept(100);
      assertEquals(1.0, bar.fraction(), 1e-12);
      assertThrows(IllegalArgumentException.class, () -> bar.accept(-1));
    }
    assertTrue(bytes.toString(StandardCharsets.UTF_8).contains("100%"));
    assertThrows(IllegalArgumentException.class, () -> new Progress(out, "x", 0));
  }
}
