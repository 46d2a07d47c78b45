package dev.mlsd.core.results;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Checks a {@code results.json} against the schema of {@code docs/results-schema.md} and lists
 * every problem found (empty = valid). Modules' tests call it on their demo's output.
 *
 * <p>Written as code rather than a JSON Schema document because some rules are not structural: an
 * interval's ends are both present or both null with {@code lo <= hi}, latency percentiles are
 * ordered, and a served model carries its latency. Unknown fields are problems too (so modules do
 * not drift apart); free-form results go under {@code extra}.
 *
 * <p>Thread safety: stateless.
 */
public final class ResultsSchema {
  private static final Pattern METRIC = Pattern.compile("[a-z][a-z0-9_]*(@[0-9]+)?");
  private static final Set<String> TOP =
      Set.of(
          "schema",
          "module",
          "chapter",
          "dataset",
          "seed",
          "machine",
          "generated_at",
          "models",
          "extra");
  private static final Set<String> ROLES = Set.of("trivial", "baseline", "candidate", "served");

  private ResultsSchema() {}

  /** Whether {@code name} is a metric name: snake case, optionally {@code @k} ({@code ndcg@10}). */
  public static boolean isMetricName(String name) {
    return name != null && METRIC.matcher(name).matches();
  }

  /**
   * The problems of the file at {@code file}; an unreadable or non-JSON file is one problem.
   *
   * @return one line per problem, empty when the file is valid
   */
  public static List<String> validate(Path file) {
    try {
      return validate(ResultsFile.JSON.readTree(file.toFile()));
    } catch (IOException e) {
      return List.of(file + ": not readable JSON: " + e.getMessage());
    }
  }

  /** Throws {@link IllegalArgumentException} listing the problems unless the file is valid. */
  public static void requireValid(Path file) {
    List<String> problems = validate(file);
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException(file + " breaks the results schema: " + problems);
    }
  }

  /**
   * The problems of a parsed {@code results.json}.
   *
   * @return one line per problem, empty when valid
   */
  public static List<String> validate(JsonNode root) {
    List<String> p = new ArrayList<>();
    if (root == null || !root.isObject()) {
      return List.of("the top level must be an object");
    }
    unknown(root, TOP, "", p);
    if (!ResultsFile.SCHEMA.equals(text(root, "schema"))) {
      p.add("schema must be \"" + ResultsFile.SCHEMA + "\"");
    }
    String module = text(root, "module");
    if (module == null || !module.matches("[a-z0-9][a-z0-9-]*")) {
      p.add("module must be a lower-case name with dashes");
    }
    if (!root.path("chapter").canConvertToInt() || !root.path("chapter").isIntegralNumber()) {
      p.add("chapter must be an integer");
    } else if (root.get("chapter").asInt() < 1) {
      p.add("chapter must be >= 1");
    }
    JsonNode ds = root.path("dataset");
    if (!ds.isObject()) {
      p.add("dataset must be an object {name, sha256}");
    } else {
      unknown(ds, Set.of("name", "sha256"), "dataset.", p);
      if (blank(text(ds, "name"))) {
        p.add("dataset.name is missing");
      }
      String sha = text(ds, "sha256");
      if (sha == null || !sha.matches("[0-9a-f]{64}")) {
        p.add("dataset.sha256 must be 64 lower-case hex digits");
      }
    }
    if (!root.path("seed").isIntegralNumber()) {
      p.add("seed must be an integer");
    }
    machine(root.path("machine"), p);
    if (root.has("generated_at") && !root.get("generated_at").isTextual()) {
      p.add("generated_at must be an ISO-8601 string");
    }
    JsonNode models = root.path("models");
    if (!models.isArray() || models.isEmpty()) {
      p.add("models must be a non-empty array");
    } else {
      Set<String> names = new HashSet<>();
      for (int i = 0; i < models.size(); i++) {
        model(models.get(i), "models[" + i + "]", names, p);
      }
    }
    if (root.has("extra") && !root.get("extra").isObject()) {
      p.add("extra must be an object");
    }
    return p;
  }

  private static void machine(JsonNode m, List<String> p) {
    if (!m.isObject()) {
      p.add("machine must be an object {cores, os, arch, jdk, cpu_model}");
      return;
    }
    unknown(m, Set.of("cores", "os", "arch", "jdk", "cpu_model"), "machine.", p);
    if (!m.path("cores").isIntegralNumber() || m.path("cores").asInt() < 1) {
      p.add("machine.cores must be an integer >= 1");
    }
    for (String f : List.of("os", "arch", "jdk", "cpu_model")) {
      if (!m.path(f).isTextual()) {
        p.add("machine." + f + " must be a string");
      }
    }
  }

  private static void model(JsonNode m, String at, Set<String> names, List<String> p) {
    if (!m.isObject()) {
      p.add(at + " must be an object");
      return;
    }
    unknown(m, Set.of("name", "role", "metrics", "latency"), at + ".", p);
    String name = text(m, "name");
    if (blank(name)) {
      p.add(at + ".name is missing");
    } else {
      at = at + " (" + name + ")";
      if (!names.add(name)) {
        p.add(at + ": the name is used twice");
      }
    }
    String role = text(m, "role");
    if (role == null || !ROLES.contains(role)) {
      p.add(at + ".role must be one of " + ROLES);
    }
    JsonNode metrics = m.path("metrics");
    if (!metrics.isObject() || metrics.isEmpty()) {
      p.add(at + ".metrics must be a non-empty object");
    } else {
      for (Iterator<String> it = metrics.fieldNames(); it.hasNext(); ) {
        String metric = it.next();
        metric(metrics.get(metric), at + ".metrics." + metric, p);
        if (!isMetricName(metric)) {
          p.add(at + ".metrics: '" + metric + "' is not snake case (optionally @k)");
        }
      }
    }
    JsonNode latency = m.path("latency");
    if (latency.isMissingNode() || latency.isNull()) {
      if ("served".equals(role)) {
        p.add(at + ": a served model needs latency {p50_ms, p99_ms, p999_ms, requests}");
      }
    } else {
      latency(latency, at + ".latency", p);
    }
  }

  private static void metric(JsonNode v, String at, List<String> p) {
    if (!v.isObject()) {
      p.add(at + " must be an object {value, lo, hi}");
      return;
    }
    unknown(v, Set.of("value", "lo", "hi"), at + ".", p);
    if (!v.path("value").isNumber() || !Double.isFinite(v.path("value").asDouble())) {
      p.add(at + ".value must be a finite number");
    }
    JsonNode lo = v.path("lo");
    JsonNode hi = v.path("hi");
    boolean loNone = lo.isMissingNode() || lo.isNull();
    boolean hiNone = hi.isMissingNode() || hi.isNull();
    if (loNone != hiNone) {
      p.add(at + ": lo and hi are both numbers or both null");
    } else if (!loNone) {
      if (!lo.isNumber() || !hi.isNumber()) {
        p.add(at + ": lo and hi must be numbers or null");
      } else if (lo.asDouble() > hi.asDouble()) {
        p.add(at + ": lo > hi");
      }
    }
  }

  private static void latency(JsonNode l, String at, List<String> p) {
    if (!l.isObject()) {
      p.add(at + " must be an object {p50_ms, p99_ms, p999_ms, requests}");
      return;
    }
    unknown(l, Set.of("p50_ms", "p99_ms", "p999_ms", "requests"), at + ".", p);
    double prev = 0;
    for (String f : List.of("p50_ms", "p99_ms", "p999_ms")) {
      JsonNode v = l.path(f);
      if (!v.isNumber() || !Double.isFinite(v.asDouble()) || v.asDouble() < 0) {
        p.add(at + "." + f + " must be a non-negative number");
      } else if (v.asDouble() < prev) {
        p.add(at + ": percentiles must not decrease (p50 <= p99 <= p999)");
      } else {
        prev = v.asDouble();
      }
    }
    if (!l.path("requests").isIntegralNumber() || l.path("requests").asLong() < 1) {
      p.add(at + ".requests must be an integer >= 1");
    }
  }

  private static void unknown(JsonNode node, Set<String> known, String at, List<String> p) {
    for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
      String f = it.next();
      if (!known.contains(f)) {
        p.add(at + f + " is not in the schema (free-form results go under extra)");
      }
    }
  }

  private static String text(JsonNode node, String field) {
    JsonNode v = node.get(field);
    return v != null && v.isTextual() ? v.asText() : null;
  }

  private static boolean blank(String s) {
    return s == null || s.isBlank();
  }
}
