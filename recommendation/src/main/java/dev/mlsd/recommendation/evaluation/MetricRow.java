package dev.mlsd.recommendation.evaluation;

import dev.mlsd.core.metrics.uncertainty.ConfidenceInterval;

/**
 * One row of the metrics table: one recommender on one evaluation set, full ranking over all items.
 *
 * @param name the recommender
 * @param set the evaluation set (test, cold-start, validation)
 * @param queries users evaluated
 * @param precision10 P@10
 * @param recall10 R@10
 * @param map10 mAP@10
 * @param ndcg10 nDCG@10 (binary relevance: liked)
 * @param precision50 P@50
 * @param recall50 R@50
 * @param map50 mAP@50
 * @param ndcg50 nDCG@50
 * @param recall200 R@200 (candidate generators), NaN when not computed
 * @param diversity10 mean intra-list diversity of the top 10 on genres
 * @param coverage10 share of the catalogue appearing in some top 10
 * @param ndcg10Interval percentile bootstrap interval on nDCG@10 over users
 * @param perQueryNdcg10 nDCG@10 of each user, in query order (for paired comparisons)
 */
public record MetricRow(
    String name,
    String set,
    int queries,
    double precision10,
    double recall10,
    double map10,
    double ndcg10,
    double precision50,
    double recall50,
    double map50,
    double ndcg50,
    double recall200,
    double diversity10,
    double coverage10,
    ConfidenceInterval ndcg10Interval,
    double[] perQueryNdcg10,
    double[] perQueryRecall10) {}
