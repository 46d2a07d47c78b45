package dev.mlsd.core.featurestore;

import java.util.concurrent.atomic.LongAdder;

/**
 * What a feature store did, counted since it opened: batch reads, rows read, rows absent from the
 * store (served with defaults), batches that fell back to defaults because the store was
 * unavailable or over its time budget, and values that failed to decode. Exposed on {@code
 * /metrics}.
 *
 * <p>Thread safety: every method from any thread (striped counters).
 */
public final class FeatureStoreCounters {
  final LongAdder batches = new LongAdder();
  final LongAdder rows = new LongAdder();
  final LongAdder missingRows = new LongAdder();
  final LongAdder fallbackBatches = new LongAdder();
  final LongAdder fallbackRows = new LongAdder();
  final LongAdder corruptValues = new LongAdder();

  /** Batch reads (one per request and feature group). */
  public long batches() {
    return batches.sum();
  }

  /** Rows asked for. */
  public long rows() {
    return rows.sum();
  }

  /** Rows not in the store, served with the schema's defaults. */
  public long missingRows() {
    return missingRows.sum();
  }

  /** Batches served entirely with defaults because the store was down or over budget. */
  public long fallbackBatches() {
    return fallbackBatches.sum();
  }

  /** Rows served with defaults because their batch fell back. */
  public long fallbackRows() {
    return fallbackRows.sum();
  }

  /** Stored values of the wrong encoding version or length, served with defaults. */
  public long corruptValues() {
    return corruptValues.sum();
  }
}
