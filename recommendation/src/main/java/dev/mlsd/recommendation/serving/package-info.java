/**
 * Step 7, serving: the book's three stages declared as one core {@link
 * dev.mlsd.core.serving.ServingPipeline} in run order.
 *
 * <ol>
 *   <li>Candidate generation, several generators merged and de-duplicated: {@link
 *       dev.mlsd.recommendation.serving.TwoTowerCandidateGenerator} (HNSW over the video tower's
 *       embeddings), {@link dev.mlsd.recommendation.serving.WalsCandidateGenerator} (HNSW over the
 *       WALS item factors), {@link dev.mlsd.recommendation.serving.ItemKnnCandidateGenerator},
 *       {@link dev.mlsd.recommendation.serving.PopularCandidateGenerator}, {@link
 *       dev.mlsd.recommendation.serving.TrendingCandidateGenerator}, {@link
 *       dev.mlsd.recommendation.serving.GenreCandidateGenerator};
 *   <li>the {@link dev.mlsd.recommendation.serving.AlreadyWatchedFilter};
 *   <li>scoring: {@link dev.mlsd.recommendation.serving.RankingFeatureHydrator} then the DNN {@link
 *       dev.mlsd.recommendation.serving.DnnRanker};
 *   <li>re-ranking: {@link dev.mlsd.recommendation.serving.FreshnessBoost}, {@link
 *       dev.mlsd.recommendation.serving.FranchiseCapReRanker}, {@link
 *       dev.mlsd.recommendation.serving.MmrDiversityReRanker}.
 * </ol>
 *
 * Request-time (online) features are computed once per request by {@link
 * dev.mlsd.recommendation.serving.RecommendationService#prepare} into the per-thread {@link
 * dev.mlsd.recommendation.serving.RecoRequest}; the stages only read them. {@link
 * dev.mlsd.recommendation.serving.RecommendationHttpServer} answers over HTTP.
 *
 * <p>Book: chapter 6, "Serving".
 */
package dev.mlsd.recommendation.serving;
