package dev.mlsd.adctr.serving;

import dev.mlsd.adctr.model.PlattCalibrator;
import dev.mlsd.core.inference.InferenceGraph;
import dev.mlsd.core.serving.ranking.ScoringGraph;

/**
 * What the ranker serves: the exported model's forward pass and its calibration (Platt scaling
 * fitted on validation), published together so a request never mixes a model with another's
 * calibration.
 *
 * @param graph the exported model, ids in, P(click) out
 * @param calibrator applied to the model's output
 */
public record ServedModel(InferenceGraph graph, PlattCalibrator calibrator)
    implements ScoringGraph {
  @Override
  public float calibrate(float raw) {
    return calibrator.apply(raw);
  }
}
