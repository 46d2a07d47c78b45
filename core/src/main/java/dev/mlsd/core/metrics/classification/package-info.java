/**
 * Binary and multi-class classification metrics: {@link
 * dev.mlsd.core.metrics.classification.ConfusionCounts}, {@link
 * dev.mlsd.core.metrics.classification.Precision}, {@link
 * dev.mlsd.core.metrics.classification.Recall}, {@link
 * dev.mlsd.core.metrics.classification.F1Score}, {@link
 * dev.mlsd.core.metrics.classification.MulticlassF1}, {@link
 * dev.mlsd.core.metrics.classification.RocCurve}, {@link
 * dev.mlsd.core.metrics.classification.RocAuc}, {@link
 * dev.mlsd.core.metrics.classification.PrecisionRecallCurve}, {@link
 * dev.mlsd.core.metrics.classification.PrAuc}, {@link dev.mlsd.core.metrics.classification.LogLoss}
 * and {@link dev.mlsd.core.metrics.classification.NormalizedCrossEntropy}.
 *
 * <p>Inputs are {@code float[]} scores or probabilities and {@code boolean[]} labels ({@code true}
 * = positive), aligned by row. Book: chapter 5 (PR and ROC curves for harmful content), chapter 8
 * (log loss and NCE for ad click prediction), chapter 10 (ROC-AUC per reaction).
 */
package dev.mlsd.core.metrics.classification;
