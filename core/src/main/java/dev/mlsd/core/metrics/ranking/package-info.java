/**
 * Ranking and retrieval metrics, per query and averaged over queries: {@link
 * dev.mlsd.core.metrics.ranking.PrecisionAtK}, {@link dev.mlsd.core.metrics.ranking.RecallAtK},
 * {@link dev.mlsd.core.metrics.ranking.HitRateAtK}, {@link
 * dev.mlsd.core.metrics.ranking.ReciprocalRank} (MRR), {@link
 * dev.mlsd.core.metrics.ranking.AveragePrecisionAtK} (mAP@k), {@link
 * dev.mlsd.core.metrics.ranking.Dcg} and {@link dev.mlsd.core.metrics.ranking.Ndcg}, averaged by
 * {@link dev.mlsd.core.metrics.ranking.QueryMean}.
 *
 * <p>Input, per query: the ranked list as an {@code int[]} of item ids, best first, without
 * repeats; the relevant items as an {@code int[]} of ids in any order, without repeats; or, for
 * graded relevance, parallel arrays of judged item ids and their grades. Items not judged have
 * relevance 0.
 *
 * <p>A query with no relevant item scores 0 on every per-query metric here, and {@link
 * dev.mlsd.core.metrics.ranking.QueryMean} leaves such queries out of the mean (nothing could have
 * been found for them) and reports how many it left out.
 *
 * <p>Book: chapter 2 (visual search: MRR, recall@k, precision@k, mAP, nDCG), chapter 4 (video
 * search), chapter 6 (video recommendation), chapter 7 (event recommendation), chapter 11 (people
 * you may know).
 */
package dev.mlsd.core.metrics.ranking;
