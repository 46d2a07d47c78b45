/**
 * Step 6, evaluation: every system (random ranking, BM25, the learned search, the fused searches)
 * answers the same held-out test queries ({@link dev.mlsd.videosearch.evaluation.QueryRankings});
 * {@link dev.mlsd.videosearch.evaluation.MetricTable} computes MRR, recall@1/10/100 and nDCG@10
 * with bootstrap intervals and paired differences.
 *
 * <p>Book: chapter 4, "Evaluation".
 */
package dev.mlsd.videosearch.evaluation;
