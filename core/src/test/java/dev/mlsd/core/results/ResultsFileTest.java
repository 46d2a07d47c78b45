package dev.mlsd.core.results;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

public class ResultsFileTest {
  static final String SHA = "a".repeat(64);

  public static ModuleResults sample() {
    Map<String, Metric> served = new LinkedHashMap<>();
    served.put("auc", Metric.of(0.79, 0.78, 0.80));
    served.put("log_loss", Metric.of(0.45));
    return new ModuleResults(
        "ad-ctr",
        8,
        new DatasetRef("criteo-sample", SHA),
        42,
        Machine.current(),
        List.of(
            ModelResult.of("base rate", Role.TRIVIAL, Map.of("auc", Metric.of(0.5))),
            ModelResult.of("LR", Role.BASELINE, Map.of("auc", Metric.of(0.75, 0.74, 0.76))),
            new ModelResult("DCN", Role.SERVED, served, new Latency(0.2, 0.6, 1.1, 2000))),
        Map.of("rows", 100_000, "note", "x"));
  }

  @Test
  void writesAValidFileThatReadsBackEqual(@TempDir Path dir) throws Exception {
    ModuleResults results = sample();
    Path file = ResultsFile.write(dir.resolve("ad-ctr"), results);
    assertEquals(dir.resolve("ad-ctr/results.json"), file);
    assertEquals(List.of(), ResultsSchema.validate(file));
    ModuleResults back = ResultsFile.read(file);
    assertEquals(results.models(), back.models());
    assertEquals(results.dataset(), back.dataset());
    assertEquals(results.machine(), back.machine());
    assertEquals(100_000, back.extra().get("rows"));
    assertEquals("DCN", back.served().name());
  }

  @Test
  void writesTheDocumentedShape() throws Exception {
    ObjectNode json = ResultsFile.toJson(sample(), Instant.parse("2026-01-02T03:04:05.6Z"));
    assertEquals("mlsd-results/1", json.get("schema").asText());
    assertEquals("2026-01-02T03:04:05Z", json.get("generated_at").asText());
    assertTrue(json.get("machine").has("cpu_model"));
    var dcn = json.get("models").get(2);
    assertEquals("served", dcn.get("role").asText());
    assertEquals(0.78, dcn.get("metrics").get("auc").get("lo").asDouble());
    assertTrue(dcn.get("metrics").get("log_loss").get("lo").isNull());
    assertEquals(2000, dcn.get("latency").get("requests").asLong());
    assertEquals(1.1, dcn.get("latency").get("p999_ms").asDouble());
  }

  @Test
  void schemaNamesEveryProblem() {
    ObjectNode json = ResultsFile.toJson(sample(), Instant.now());
    json.put("surprise", 1);
    ((ObjectNode) json.get("dataset")).put("sha256", "ABC");
    ArrayNode models = (ArrayNode) json.get("models");
    ((ObjectNode) models.get(2)).remove("latency");
    ObjectNode auc = (ObjectNode) models.get(1).get("metrics").get("auc");
    auc.put("lo", 0.9);
    ((ObjectNode) models.get(0).get("metrics")).putObject("AUC").put("value", 1);
    ((ObjectNode) models.get(0)).put("role", "hero");
    List<String> problems = ResultsSchema.validate(json);
    String all = String.join("\n", problems);
    assertTrue(all.contains("surprise is not in the schema"), all);
    assertTrue(all.contains("dataset.sha256"), all);
    assertTrue(all.contains("(DCN): a served model needs latency"), all);
    assertTrue(all.contains("(LR).metrics.auc: lo > hi"), all);
    assertTrue(all.contains("'AUC' is not snake case"), all);
    assertTrue(all.contains("role must be one of"), all);
    assertEquals(6, problems.size(), all);
  }

  @Test
  void schemaRejectsNonJsonAndEmptyModels(@TempDir Path dir) throws Exception {
    Path bad = Files.writeString(dir.resolve("results.json"), "{not json");
    assertEquals(1, ResultsSchema.validate(bad).size());
    assertThrows(IllegalArgumentException.class, () -> ResultsSchema.requireValid(bad));
    ObjectNode json = ResultsFile.toJson(sample(), Instant.now());
    json.putArray("models");
    assertTrue(ResultsSchema.validate(json).contains("models must be a non-empty array"));
    assertEquals(
        List.of("the top level must be an object"),
        ResultsSchema.validate(new ObjectMapper().createArrayNode()));
  }

  @Test
  void recordsRefuseBadValues() {
    assertThrows(IllegalArgumentException.class, () -> Metric.of(Double.NaN));
    assertThrows(IllegalArgumentException.class, () -> Metric.of(0.5, 0.6, 0.4));
    assertThrows(IllegalArgumentException.class, () -> new Metric(0.5, 0.4, Double.NaN));
    assertThrows(IllegalArgumentException.class, () -> new Latency(2, 1, 3, 10));
    assertThrows(IllegalArgumentException.class, () -> new Latency(1, 2, 3, 0));
    assertThrows(IllegalArgumentException.class, () -> new DatasetRef("x", "not-a-sha"));
    assertThrows(
        IllegalArgumentException.class,
        () -> ModelResult.of("DCN", Role.SERVED, Map.of("auc", Metric.of(0.7))));
    assertThrows(
        IllegalArgumentException.class,
        () -> ModelResult.of("DCN", Role.CANDIDATE, Map.of("Log Loss", Metric.of(0.7))));
    ModuleResults ok = sample();
    assertThrows(
        IllegalArgumentException.class,
        () ->
            new ModuleResults(
                "ad-ctr",
                8,
                ok.dataset(),
                1,
                ok.machine(),
                List.of(ok.models().get(0), ok.models().get(0)),
                null));
    assertNull(ok.model("nope"));
  }

  @Test
  void manifestChecksumDependsOnEveryFileButNotTheOrder() {
    DatasetRef a = DatasetRef.ofFiles("d", Map.of("a.csv", SHA, "b.csv", "b".repeat(64)));
    DatasetRef b =
        DatasetRef.ofFiles(
            "d", new java.util.TreeMap<>(Map.of("b.csv", "b".repeat(64), "a.csv", SHA)));
    DatasetRef c = DatasetRef.ofFiles("d", Map.of("a.csv", SHA, "b.csv", "c".repeat(64)));
    assertEquals(a, b);
    assertTrue(!a.sha256().equals(c.sha256()));
  }
}
