package dev.mlsd.harmful.evaluation;

import dev.mlsd.core.metrics.uncertainty.ConfidenceInterval;
import java.util.List;

/**
 * One model's offline metrics on the test split.
 *
 * @param model the model's name
 * @param tasks per-category metrics, in {@link dev.mlsd.harmful.data.HarmTask} order
 * @param macroF1 macro-F1 of the derived three-class decision against the authors' classes
 * @param weightedF1 support-weighted F1 of the same
 * @param hateF1 F1 of the hate class in the three-class decision
 * @param hatePrecision precision of the hate class in the three-class decision
 * @param hateRecall recall of the hate class in the three-class decision
 * @param decision the three-class thresholds (chosen on validation)
 */
public record ModelMetrics(
    String model,
    List<TaskMetrics> tasks,
    ConfidenceInterval macroF1,
    ConfidenceInterval weightedF1,
    double hateF1,
    double hatePrecision,
    double hateRecall,
    ThreeClassDecision decision) {
  /** Copies the list. */
  public ModelMetrics {
    tasks = List.copyOf(tasks);
  }

  /** The metrics of task {@code t}. */
  public TaskMetrics task(int t) {
    return tasks.get(t);
  }
}
