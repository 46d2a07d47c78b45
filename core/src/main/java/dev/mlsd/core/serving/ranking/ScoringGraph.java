package dev.mlsd.core.serving.ranking;

import dev.mlsd.core.inference.InferenceGraph;

/**
 * What a {@link GraphRanker} serves: an exported model's forward pass and, optionally, the
 * calibration of its output, published together in one {@link dev.mlsd.core.serving.ModelHolder} so
 * a request never mixes one model with another's calibration.
 *
 * <p>Contract: {@link #graph()} returns the same instance on every call and has one output per row;
 * {@link #calibrate} is a pure function. Implementations are immutable (a record).
 *
 * <p>Book: chapter 8, "Calibration" (Platt scaling of the served model's output).
 */
public interface ScoringGraph {
  /** The exported model; one output per row. */
  InferenceGraph graph();

  /**
   * Maps the model's raw output to the served score (a calibrated probability). The default is the
   * identity: an uncalibrated model.
   */
  default float calibrate(float raw) {
    return raw;
  }

  /** A graph served as it is, without calibration. */
  static ScoringGraph uncalibrated(InferenceGraph graph) {
    if (graph == null) {
      throw new IllegalArgumentException("graph must not be null");
    }
    return new Uncalibrated(graph);
  }

  /** See {@link #uncalibrated}. */
  record Uncalibrated(InferenceGraph graph) implements ScoringGraph {}
}
