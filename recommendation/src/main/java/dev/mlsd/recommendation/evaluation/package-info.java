/**
 * Step 6, evaluation: the offline protocol (per-user time split, full ranking over all items, only
 * liked items relevant), {@link dev.mlsd.recommendation.evaluation.EvaluationSet}, the {@link
 * dev.mlsd.recommendation.evaluation.OfflineEvaluator} that computes precision@k, recall@k, mAP@k,
 * nDCG@k, intra-list diversity on genres and catalogue coverage with the core metrics, and a
 * bootstrap interval on nDCG@10.
 *
 * <p>Book: chapter 6, "Evaluation".
 */
package dev.mlsd.recommendation.evaluation;
