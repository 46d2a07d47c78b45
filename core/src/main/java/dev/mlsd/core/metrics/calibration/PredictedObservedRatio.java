package dev.mlsd.core.metrics.calibration;

import dev.mlsd.core.metrics.Checks;

/**
 * The predicted/observed ratio: the number of positives the model expects over the number that
 * happened,
 *
 * <pre>
 *   ratio = sum_i p_i / sum_i y_i
 * </pre>
 *
 * (for CTR: the predicted clicks over the actual clicks). Range [0, infinity); 1 is best: above 1
 * the model over-predicts, below 1 it under-predicts. Says nothing about ranking; a model can be
 * well calibrated overall and still useless. Undefined, and refused, without a positive label.
 *
 * <p>Book: chapter 8 (calibration of the click model).
 *
 * <p>Thread safety: stateless.
 */
public final class PredictedObservedRatio {
  private PredictedObservedRatio() {}

  /**
   * Computes sum(p) / sum(y).
   *
   * @param probabilities predicted P(positive) per row, each in [0, 1]
   * @param labels the true classes, same length, at least one positive
   */
  public static double compute(float[] probabilities, boolean[] labels) {
    Checks.sameLength(probabilities.length, labels.length, "probabilities and labels");
    Checks.probabilities(probabilities, "probabilities");
    double predicted = 0;
    long observed = 0;
    for (int i = 0; i < labels.length; i++) {
      predicted += probabilities[i];
      if (labels[i]) {
        observed++;
      }
    }
    if (observed == 0) {
      throw new IllegalArgumentException(
          "predicted/observed ratio is undefined: no positive labels");
    }
    return predicted / observed;
  }
}
