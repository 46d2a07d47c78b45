package dev.mlsd.core.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mlsd.core.results.ResultsFile;
import dev.mlsd.core.results.ResultsSchema;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Writes {@code results/index.html}: one row per module folder under {@code results/} that holds a
 * {@code results.json}, linking its {@code report.html}, with the chapter, the dataset, the served
 * model and its headline numbers (its first three metrics with their intervals, and its p99
 * latency). A {@code results.json} that breaks the schema gets a row saying why instead of being
 * skipped. Every demo calls {@link #write} after writing its own results, so the index always lists
 * the latest run of each module.
 *
 * <p>Thread safety: stateless; two demos writing at once each write a whole file (atomic move).
 */
public final class ReportIndex {
  /** The file's name inside the results folder. */
  public static final String FILE_NAME = "index.html";

  private static final ObjectMapper JSON = new ObjectMapper();

  private ReportIndex() {}

  /**
   * Writes {@code resultsRoot/index.html}.
   *
   * @param resultsRoot the folder holding one folder per module
   * @return the file written
   */
  public static Path write(Path resultsRoot) throws IOException {
    List<List<String>> rows = new ArrayList<>();
    List<String> hrefs = new ArrayList<>();
    List<Path> dirs;
    try (Stream<Path> s = Files.isDirectory(resultsRoot) ? Files.list(resultsRoot) : Stream.of()) {
      dirs = s.filter(d -> Files.isRegularFile(d.resolve(ResultsFile.NAME))).sorted().toList();
    }
    for (Path dir : dirs) {
      String module = dir.getFileName().toString();
      boolean hasReport = Files.isRegularFile(dir.resolve(Report.FILE_NAME));
      hrefs.add(hasReport ? module + "/" + Report.FILE_NAME : module + "/" + ResultsFile.NAME);
      rows.add(row(module, dir.resolve(ResultsFile.NAME)));
    }
    Report page =
        new Report("Machine learning system design: results", "the latest run of each module");
    page.section("Modules");
    if (rows.isEmpty()) {
      page.paragraph("No module has written results yet: run a demo (mvn -pl <module> exec:java).");
    } else {
      page.table(
          List.of(
              "module",
              "chapter",
              "dataset",
              "seed",
              "served model",
              "headline",
              "p99 ms",
              "generated"),
          rows,
          hrefs);
      page.paragraph(
          "Headline: the served model's first metrics on the held-out split, with their interval"
              + " in brackets. Each module's report has the full comparison against the trivial"
              + " and baseline models.");
    }
    return page.writeTo(resultsRoot.resolve(FILE_NAME));
  }

  private static List<String> row(String module, Path file) {
    JsonNode root;
    try {
      root = JSON.readTree(file.toFile());
    } catch (IOException e) {
      return List.of(module, "", "", "", "", "unreadable results.json: " + e.getMessage(), "", "");
    }
    List<String> problems = ResultsSchema.validate(root);
    if (!problems.isEmpty()) {
      return List.of(
          module, "", "", "", "", "results.json breaks the schema: " + problems.getFirst(), "", "");
    }
    JsonNode served = null;
    for (JsonNode m : root.get("models")) {
      if ("served".equals(m.path("role").asText())) {
        served = m;
      }
    }
    JsonNode headline =
        served != null ? served : root.get("models").get(root.get("models").size() - 1);
    List<String> parts = new ArrayList<>();
    Iterator<Map.Entry<String, JsonNode>> it = headline.get("metrics").properties().iterator();
    for (int i = 0; i < 3 && it.hasNext(); i++) {
      Map.Entry<String, JsonNode> e = it.next();
      JsonNode v = e.getValue();
      String text = e.getKey() + " " + num(v.get("value").asDouble());
      if (v.hasNonNull("lo")) {
        text += " [" + num(v.get("lo").asDouble()) + ", " + num(v.get("hi").asDouble()) + "]";
      }
      parts.add(text);
    }
    JsonNode latency = headline.path("latency");
    return List.of(
        module,
        root.get("chapter").asText(),
        root.get("dataset").get("name").asText(),
        root.get("seed").asText(),
        headline.get("name").asText() + (served == null ? " (no served model)" : ""),
        String.join(" · ", parts),
        latency.isObject() ? num(latency.get("p99_ms").asDouble()) : "",
        root.path("generated_at").asText(""));
  }

  private static String num(double v) {
    return String.format(Locale.ROOT, Math.abs(v) >= 100 ? "%.1f" : "%.4f", v);
  }
}
