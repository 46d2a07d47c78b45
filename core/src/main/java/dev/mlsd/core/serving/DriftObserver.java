package dev.mlsd.core.serving;

import dev.mlsd.core.monitoring.DriftMonitor;

/**
 * Feeds a {@link DriftMonitor} from live traffic: for every served result, its first {@code
 * columns} hydrated feature columns go to the monitor's features {@code [0, columns)} and its score
 * to feature {@code columns} (the predictions). Attach it to a pipeline ({@link
 * ServingPipeline#addObserver}) and the monitor's PSI on {@code /metrics} follows the traffic.
 *
 * <p>The monitor must declare the same columns, in the same order, with their training values, then
 * the predictions: {@code DriftMonitor.builder(10).feature("a", trainA)...feature("prediction",
 * trainScores)}. Served results are the top of each ranking, so the predictions' PSI is a level to
 * watch move rather than one expected to be 0.
 *
 * <p>Allocation: none. Thread safety: as the monitor (striped counters; any number of threads).
 *
 * <p>Book: chapter 1, "Monitoring" (feature and prediction drift).
 *
 * @param <Q> the module's request type
 */
public final class DriftObserver<Q> implements PipelineObserver<Q> {
  private final DriftMonitor monitor;
  private final int columns;

  /**
   * @param monitor watches {@code columns + 1} features: the columns, then the predictions
   * @param columns how many leading feature columns to watch, at least 0
   */
  public DriftObserver(DriftMonitor monitor, int columns) {
    if (monitor == null) {
      throw new IllegalArgumentException("monitor must not be null");
    }
    if (columns < 0 || monitor.features() != columns + 1) {
      throw new IllegalArgumentException(
          "the monitor watches "
              + monitor.features()
              + " features; need the "
              + columns
              + " columns and the predictions");
    }
    this.monitor = monitor;
    this.columns = columns;
  }

  @Override
  public void served(Q query, Candidates results) {
    if (results.featureDim() < columns) {
      throw new IllegalStateException(
          "results have " + results.featureDim() + " feature columns, watching " + columns);
    }
    float[] f = results.features();
    for (int pos = 0; pos < results.size(); pos++) {
      monitor.observeRow(f, results.featureOffset(pos), columns);
      monitor.observe(columns, results.score(pos));
    }
  }

  /** The monitor fed. */
  public DriftMonitor monitor() {
    return monitor;
  }
}
