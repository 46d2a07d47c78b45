package dev.mlsd.core.demo;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes a demo's {@code results.json}, the shape every module shares:
 *
 * <pre>{@code
 * {
 *   "module": "ad-ctr", "dataset": "criteo-sample", "seed": 42,
 *   "models": [
 *     { "name": "DCN", "nce": 0.91, "log_loss": 0.49, "auc": 0.73, "pr_auc": 0.47, "ece": 0.02,
 *       "p50_ms": 0.2, "p99_ms": 0.6, "p999_ms": 1.1, ...any further metrics },
 *     ...
 *   ],
 *   ...any further top-level fields
 * }
 * }</pre>
 *
 * A metric a model does not have (a latency for a model that is not served) is written as {@code
 * null}; NaN and infinities are written as {@code null} too, since JSON has neither.
 *
 * <p>Thread safety: stateless.
 *
 * @deprecated superseded by {@link dev.mlsd.core.results.ResultsFile} and {@link
 *     dev.mlsd.core.results.ModuleResults} (one schema and one look for every module); kept until
 *     no branch uses it.
 */
@Deprecated
public final class ResultsJson {
  /** The metric names every model entry carries, in order. */
  public static final List<String> STANDARD =
      List.of("nce", "log_loss", "auc", "pr_auc", "ece", "p50_ms", "p99_ms", "p999_ms");

  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private ResultsJson() {}

  /**
   * One model's entry.
   *
   * @param name the model's display name
   * @param metrics short metric name to value; missing standard metrics are written as null
   */
  public record ModelResult(String name, Map<String, Double> metrics) {
    /** Copies the map, keeping its order. */
    public ModelResult {
      if (name == null || name.isBlank()) {
        throw new IllegalArgumentException("a model result needs a name");
      }
      metrics = new LinkedHashMap<>(metrics);
    }
  }

  /**
   * Renders the JSON text.
   *
   * @param extra further top-level fields (strings, numbers, lists, maps), in order
   */
  public static String render(
      String module, String dataset, long seed, List<ModelResult> models, Map<String, ?> extra) {
    ObjectNode root = JSON.createObjectNode();
    root.put("module", module);
    root.put("dataset", dataset);
    root.put("seed", seed);
    ArrayNode arr = root.putArray("models");
    for (ModelResult m : models) {
      ObjectNode o = arr.addObject();
      o.put("name", m.name());
      for (String k : STANDARD) {
        putNumber(o, k, m.metrics().get(k));
      }
      for (Map.Entry<String, Double> e : m.metrics().entrySet()) {
        if (!STANDARD.contains(e.getKey())) {
          putNumber(o, e.getKey(), e.getValue());
        }
      }
    }
    for (Map.Entry<String, ?> e : extra.entrySet()) {
      root.set(e.getKey(), JSON.valueToTree(e.getValue()));
    }
    try {
      return JSON.writeValueAsString(root);
    } catch (IOException e) {
      throw new IllegalStateException("results are always serialisable", e);
    }
  }

  /** Writes {@link #render} to a file, creating its folder. */
  public static void write(
      Path file,
      String module,
      String dataset,
      long seed,
      List<ModelResult> models,
      Map<String, ?> extra)
      throws IOException {
    Path dir = file.toAbsolutePath().getParent();
    Files.createDirectories(dir);
    Files.writeString(file, render(module, dataset, seed, models, extra));
  }

  private static void putNumber(ObjectNode o, String k, Double v) {
    if (v == null || v.isNaN() || v.isInfinite()) {
      o.putNull(k);
    } else {
      o.put(k, v);
    }
  }
}
