package dev.mlsd.harmful.evaluation;

import dev.mlsd.core.metrics.classification.PrecisionRecallCurve;
import dev.mlsd.core.metrics.uncertainty.ConfidenceInterval;
import dev.mlsd.harmful.data.HarmTask;

/**
 * One model's offline metrics on one harm category, on the test split, with 95% bootstrap
 * intervals.
 *
 * @param task the category
 * @param prAuc area under the PR curve (the book's primary offline metric here)
 * @param rocAuc area under the ROC curve
 * @param removeThreshold the removal (high) threshold chosen on validation
 * @param precisionAtRemove precision of {@code score >= removeThreshold}
 * @param recallAtRemove recall of {@code score >= removeThreshold}
 * @param reviewThreshold the review (low) threshold chosen on validation
 * @param precisionAtReview precision of {@code score >= reviewThreshold} (removed or reviewed)
 * @param recallAtReview recall of {@code score >= reviewThreshold}
 * @param curve the test PR curve, for the report
 */
public record TaskMetrics(
    HarmTask task,
    ConfidenceInterval prAuc,
    ConfidenceInterval rocAuc,
    float removeThreshold,
    ConfidenceInterval precisionAtRemove,
    ConfidenceInterval recallAtRemove,
    float reviewThreshold,
    ConfidenceInterval precisionAtReview,
    ConfidenceInterval recallAtReview,
    PrecisionRecallCurve curve) {}
