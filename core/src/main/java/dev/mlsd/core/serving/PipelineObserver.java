package dev.mlsd.core.serving;

/**
 * Watches every request a {@link ServingPipeline} serves, after its last stage: the hook through
 * which live traffic feeds monitoring (feature and prediction drift, {@link
 * dev.mlsd.core.monitoring.DriftMonitor}; calibration on labelled traffic, {@link
 * dev.mlsd.core.monitoring.CalibrationMonitor}).
 *
 * <p>Contract: called on the request's thread once the results are final (re-ranked and cut to k),
 * before the pipeline returns them; it only reads. The results' feature rows are still there
 * ({@link Candidates#featureOffset(int)} of each position), so an observer can count the hydrated
 * features of what was served beside its score. It must be cheap and allocation-free (it runs on
 * every request), and must not throw: an exception propagates to the request.
 *
 * <p>Thread safety: one instance sees every thread's requests at once; must be thread-safe (the
 * core monitors count with striped adders).
 *
 * <p>Book: chapter 1, "Monitoring" (data distribution shift, model monitoring); chapter 8,
 * "Monitoring".
 *
 * @param <Q> the module's request type
 */
@FunctionalInterface
public interface PipelineObserver<Q> {
  /**
   * Sees one served request.
   *
   * @param query the request, as hydrated
   * @param results the final results, best first (this thread's scratch; do not keep it)
   */
  void served(Q query, Candidates results);
}
