/**
 * Step 6, evaluation: the book's offline metrics for every model on the held-out, later test split
 * ({@link dev.mlsd.adctr.evaluation.ModelComparison}: log loss, normalised cross-entropy, ROC-AUC
 * with a bootstrap interval, PR-AUC, calibration before and after Platt scaling fitted on
 * validation), the same over many time origins ({@link
 * dev.mlsd.adctr.evaluation.RollingOriginEvaluation}) because one 1,000-row test split cannot
 * separate close models, and continual learning replayed ({@link
 * dev.mlsd.adctr.evaluation.ContinualLearningReplay}). Every metric comes from {@code
 * dev.mlsd.core.metrics}.
 *
 * <p>Book: chapter 8, "Evaluation".
 */
package dev.mlsd.adctr.evaluation;
