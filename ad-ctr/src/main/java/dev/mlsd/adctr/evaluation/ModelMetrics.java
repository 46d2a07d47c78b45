package dev.mlsd.adctr.evaluation;

import dev.mlsd.adctr.model.PlattCalibrator;
import dev.mlsd.core.metrics.calibration.ExpectedCalibrationError;
import dev.mlsd.core.metrics.calibration.PredictedObservedRatio;
import dev.mlsd.core.metrics.classification.LogLoss;
import dev.mlsd.core.metrics.classification.NormalizedCrossEntropy;
import dev.mlsd.core.metrics.classification.PrAuc;
import dev.mlsd.core.metrics.classification.RocAuc;
import dev.mlsd.core.metrics.uncertainty.Bootstrap;
import dev.mlsd.core.metrics.uncertainty.ConfidenceInterval;

/**
 * One model's offline metrics on one evaluation set, before and after calibration.
 *
 * @param name the model
 * @param rows evaluation rows
 * @param logLoss log loss (cross-entropy), raw predictions
 * @param nce normalised cross-entropy against the evaluation set's own click rate
 * @param auc ROC-AUC with its bootstrap interval
 * @param prAuc PR-AUC
 * @param ece expected calibration error, 10 equal-width bins, raw
 * @param predictedObserved sum of predictions over sum of clicks, raw
 * @param calibratedLogLoss log loss after Platt scaling (fitted on validation)
 * @param calibratedNce NCE after Platt scaling
 * @param calibratedEce ECE after Platt scaling
 * @param calibratedPredictedObserved predicted/observed after Platt scaling
 */
public record ModelMetrics(
    String name,
    int rows,
    double logLoss,
    double nce,
    ConfidenceInterval auc,
    double prAuc,
    double ece,
    double predictedObserved,
    double calibratedLogLoss,
    double calibratedNce,
    double calibratedEce,
    double calibratedPredictedObserved) {

  /** Bins of the ECE. */
  public static final int ECE_BINS = 10;

  /**
   * Computes every metric.
   *
   * @param p raw predictions
   * @param y labels (both classes present)
   * @param calibrator fitted on validation, applied here
   * @param bootstrapSeed seed of the AUC bootstrap
   */
  public static ModelMetrics of(
      String name, float[] p, boolean[] y, PlattCalibrator calibrator, long bootstrapSeed) {
    float[] q = calibrator.apply(p);
    ConfidenceInterval auc =
        new Bootstrap(500, 0.95, bootstrapSeed).ofScores(p, y, RocAuc::compute);
    return new ModelMetrics(
        name,
        y.length,
        LogLoss.compute(p, y),
        NormalizedCrossEntropy.compute(p, y),
        auc,
        PrAuc.compute(p, y),
        ExpectedCalibrationError.equalWidth(p, y, ECE_BINS),
        PredictedObservedRatio.compute(p, y),
        LogLoss.compute(q, y),
        NormalizedCrossEntropy.compute(q, y),
        ExpectedCalibrationError.equalWidth(q, y, ECE_BINS),
        PredictedObservedRatio.compute(q, y));
  }
}
