/**
 * Every offline metric the book uses, written once and tested against hand-worked cases. The
 * case-study modules call these classes and nothing else to report a metric.
 *
 * <p>One small class per metric, grouped by kind:
 *
 * <ul>
 *   <li>{@link dev.mlsd.core.metrics.classification}: precision, recall, F1, ROC and PR curves,
 *       ROC-AUC, PR-AUC, log loss, normalized cross-entropy;
 *   <li>{@link dev.mlsd.core.metrics.calibration}: predicted/observed ratio, expected calibration
 *       error, reliability-diagram data, re-calibration after negative down-sampling;
 *   <li>{@link dev.mlsd.core.metrics.ranking}: precision@k, recall@k, hit rate@k, MRR, AP@k and
 *       mAP@k, DCG and nDCG@k;
 *   <li>{@link dev.mlsd.core.metrics.lists}: intra-list diversity and catalogue coverage;
 *   <li>{@link dev.mlsd.core.metrics.detection}: IoU, precision/recall at an IoU threshold, AP
 *       (11-point and all-point) and mAP;
 *   <li>{@link dev.mlsd.core.metrics.online}: the online-metric helpers (CTR, conversion rate,
 *       prevalence, harmful impressions, proactive rate, weighted engagement score);
 *   <li>{@link dev.mlsd.core.metrics.uncertainty}: seeded bootstrap confidence intervals.
 * </ul>
 *
 * <p>Conventions shared by every class: primitive arrays in, {@code double} out; no boxing in the
 * per-row loops; invalid input (mismatched lengths, {@code k <= 0}, NaN scores, a metric that is
 * undefined on the data) throws {@link java.lang.IllegalArgumentException} with a message. Every
 * method is stateless and safe to call from any thread. The formulas, ranges and book chapters are
 * listed in {@code docs/metrics.md}.
 */
package dev.mlsd.core.metrics;
