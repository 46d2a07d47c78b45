package dev.mlsd.core.results;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One model's entry in {@code results.json}.
 *
 * @param name the model's display name (unique within a module's results)
 * @param role trivial, baseline, candidate or served
 * @param metrics the book's metric names (snake case, e.g. {@code auc}, {@code ndcg@10}) to values,
 *     in the order given; at least one
 * @param latency serving latency: required for the served model, optional for others (null)
 */
public record ModelResult(String name, Role role, Map<String, Metric> metrics, Latency latency) {
  /** Checks the name, the metric names and that a served model has a latency; copies the map. */
  public ModelResult {
    if (name == null || name.isBlank()) {
      throw new IllegalArgumentException("a model result needs a name");
    }
    if (role == null) {
      throw new IllegalArgumentException("model " + name + " needs a role");
    }
    if (metrics == null || metrics.isEmpty()) {
      throw new IllegalArgumentException("model " + name + " needs at least one metric");
    }
    for (Map.Entry<String, Metric> e : metrics.entrySet()) {
      if (!ResultsSchema.isMetricName(e.getKey())) {
        throw new IllegalArgumentException(
            "model " + name + ": '" + e.getKey() + "' is not a metric name (snake case, @k)");
      }
      if (e.getValue() == null) {
        throw new IllegalArgumentException("model " + name + ": metric " + e.getKey() + " is null");
      }
    }
    if (role == Role.SERVED && latency == null) {
      throw new IllegalArgumentException("the served model " + name + " needs its latency");
    }
    metrics = Collections.unmodifiableMap(new LinkedHashMap<>(metrics));
  }

  /** A model without a latency. */
  public static ModelResult of(String name, Role role, Map<String, Metric> metrics) {
    return new ModelResult(name, role, metrics, null);
  }

  /** The metric called {@code name}, or null. */
  public Metric metric(String name) {
    return metrics.get(name);
  }
}
