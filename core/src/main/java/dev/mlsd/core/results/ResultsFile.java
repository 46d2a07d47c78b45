package dev.mlsd.core.results;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads and writes {@code results.json} in the schema of {@code docs/results-schema.md} (checked by
 * {@link ResultsSchema}). Field names are snake case; a NaN interval end is written as {@code
 * null}; the file also records {@code "schema": "mlsd-results/1"} and {@code generated_at} (UTC,
 * seconds).
 *
 * <p>Thread safety: stateless.
 */
public final class ResultsFile {
  /** The file's name inside a module's results folder. */
  public static final String NAME = "results.json";

  /** The schema identifier written into every file. */
  public static final String SCHEMA = "mlsd-results/1";

  static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private ResultsFile() {}

  /**
   * Writes {@code dir/results.json} (creating {@code dir}), replacing any earlier file atomically.
   *
   * @return the file written
   * @throws IOException if it cannot be written
   */
  public static Path write(Path dir, ModuleResults results) throws IOException {
    JsonNode json = toJson(results, Instant.now());
    List<String> problems = ResultsSchema.validate(json);
    if (!problems.isEmpty()) {
      throw new IllegalStateException("results do not fit the schema: " + problems);
    }
    Files.createDirectories(dir);
    Path file = dir.resolve(NAME);
    Path tmp = dir.resolve(NAME + ".tmp");
    Files.writeString(tmp, JSON.writeValueAsString(json) + "\n", StandardCharsets.UTF_8);
    Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    return file;
  }

  /** The JSON tree of {@code results}, stamped with {@code generatedAt}. */
  public static ObjectNode toJson(ModuleResults results, Instant generatedAt) {
    ObjectNode root = JSON.createObjectNode();
    root.put("schema", SCHEMA);
    root.put("module", results.module());
    root.put("chapter", results.chapter());
    ObjectNode dataset = root.putObject("dataset");
    dataset.put("name", results.dataset().name());
    dataset.put("sha256", results.dataset().sha256());
    root.put("seed", results.seed());
    ObjectNode machine = root.putObject("machine");
    Machine m = results.machine();
    machine.put("cores", m.cores());
    machine.put("os", m.os());
    machine.put("arch", m.arch());
    machine.put("jdk", m.jdk());
    machine.put("cpu_model", m.cpuModel());
    root.put("generated_at", generatedAt.truncatedTo(ChronoUnit.SECONDS).toString());
    var models = root.putArray("models");
    for (ModelResult r : results.models()) {
      ObjectNode model = models.addObject();
      model.put("name", r.name());
      model.put("role", r.role().json());
      ObjectNode metrics = model.putObject("metrics");
      r.metrics()
          .forEach(
              (name, metric) -> {
                ObjectNode v = metrics.putObject(name);
                v.put("value", metric.value());
                putOrNull(v, "lo", metric.lo());
                putOrNull(v, "hi", metric.hi());
              });
      if (r.latency() != null) {
        ObjectNode latency = model.putObject("latency");
        latency.put("p50_ms", r.latency().p50Ms());
        latency.put("p99_ms", r.latency().p99Ms());
        latency.put("p999_ms", r.latency().p999Ms());
        latency.put("requests", r.latency().requests());
      }
    }
    root.set("extra", JSON.valueToTree(results.extra()));
    return root;
  }

  /**
   * Reads a {@code results.json}.
   *
   * @throws IOException if it cannot be read
   * @throws IllegalArgumentException if it does not fit the schema (the message lists why)
   */
  public static ModuleResults read(Path file) throws IOException {
    JsonNode root = JSON.readTree(file.toFile());
    List<String> problems = ResultsSchema.validate(root);
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException(file + " does not fit the results schema: " + problems);
    }
    JsonNode ds = root.get("dataset");
    JsonNode mc = root.get("machine");
    List<ModelResult> models =
        java.util.stream.StreamSupport.stream(root.get("models").spliterator(), false)
            .map(ResultsFile::model)
            .toList();
    @SuppressWarnings("unchecked")
    Map<String, Object> extra =
        root.has("extra") ? JSON.convertValue(root.get("extra"), Map.class) : Map.of();
    return new ModuleResults(
        root.get("module").asText(),
        root.get("chapter").asInt(),
        new DatasetRef(ds.get("name").asText(), ds.get("sha256").asText()),
        root.get("seed").asLong(),
        new Machine(
            mc.get("cores").asInt(),
            mc.get("os").asText(),
            mc.get("arch").asText(),
            mc.get("jdk").asText(),
            mc.get("cpu_model").asText()),
        models,
        extra);
  }

  private static ModelResult model(JsonNode m) {
    Map<String, Metric> metrics = new LinkedHashMap<>();
    m.get("metrics")
        .properties()
        .forEach(
            e ->
                metrics.put(
                    e.getKey(),
                    new Metric(
                        e.getValue().get("value").asDouble(),
                        numberOrNaN(e.getValue().get("lo")),
                        numberOrNaN(e.getValue().get("hi")))));
    JsonNode l = m.get("latency");
    Latency latency =
        l == null || l.isNull()
            ? null
            : new Latency(
                l.get("p50_ms").asDouble(),
                l.get("p99_ms").asDouble(),
                l.get("p999_ms").asDouble(),
                l.get("requests").asLong());
    return new ModelResult(
        m.get("name").asText(), Role.fromJson(m.get("role").asText()), metrics, latency);
  }

  private static void putOrNull(ObjectNode node, String field, double v) {
    if (Double.isFinite(v)) {
      node.put(field, v);
    } else {
      node.putNull(field);
    }
  }

  private static double numberOrNaN(JsonNode n) {
    return n == null || n.isNull() ? Double.NaN : n.asDouble();
  }
}
