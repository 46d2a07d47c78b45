/**
 * Step 6 of the book's framework, evaluation (offline part): {@link
 * dev.mlsd.harmful.evaluation.OfflineEvaluation} computes PR-AUC, ROC-AUC and precision/recall at
 * the enforcement thresholds per harm category with bootstrap intervals, and the three-class
 * macro-F1 that Davidson et al. report; {@link dev.mlsd.harmful.evaluation.ThreeClassDecision}
 * derives the three classes from the two heads; {@link
 * dev.mlsd.harmful.evaluation.ThresholdSelection} reads the enforcement thresholds off the
 * validation PR curve for the {@link dev.mlsd.harmful.evaluation.PrecisionTargets}. Every threshold
 * is chosen on validation, never on test. The online metrics are in {@code serving}.
 *
 * <p>Book: chapter 5, "Evaluation".
 */
package dev.mlsd.harmful.evaluation;
