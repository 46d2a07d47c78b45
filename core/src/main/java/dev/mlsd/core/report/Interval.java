package dev.mlsd.core.report;

import dev.mlsd.core.results.Metric;
import dev.mlsd.core.results.ModelResult;

/**
 * One model's metric with its interval, for {@link Report#intervalChart}.
 *
 * @param name the model
 * @param value the point estimate
 * @param lo lower end, or NaN when there is no interval
 * @param hi upper end, or NaN
 */
public record Interval(String name, double value, double lo, double hi) {
  /** The interval of {@code model}'s metric {@code metric}, or null when it has none. */
  public static Interval of(ModelResult model, String metric) {
    Metric m = model.metric(metric);
    return m == null ? null : new Interval(model.name(), m.value(), m.lo(), m.hi());
  }
}
