/**
 * Step 7, serving: the book's three stages declared as one core {@link
 * dev.mlsd.core.serving.ServingPipeline} in run order.
 *
 * <ol>
 *   <li>Query hydration: {@link dev.mlsd.recommendation.serving.UserQueryHydrator} (the user's
 *       embeddings and online features, once per request);
 *   <li>Candidate generation, several generators merged and de-duplicated: two core {@link
 *       dev.mlsd.core.serving.retrieval.AnnCandidateGenerator}s (HNSW over the video tower's
 *       embeddings and over the WALS item factors, MIPS-augmented), {@link
 *       dev.mlsd.recommendation.serving.ItemKnnCandidateGenerator}, {@link
 *       dev.mlsd.recommendation.serving.PopularCandidateGenerator}, {@link
 *       dev.mlsd.recommendation.serving.TrendingCandidateGenerator}, {@link
 *       dev.mlsd.recommendation.serving.GenreCandidateGenerator};
 *   <li>the {@link dev.mlsd.recommendation.serving.AlreadyWatchedFilter};
 *   <li>scoring: {@link dev.mlsd.recommendation.serving.RankingFeatureHydrator} then the DNN
 *       through core's {@link dev.mlsd.core.serving.ranking.GraphRanker} (hot-swappable through
 *       {@link dev.mlsd.recommendation.serving.RecommendationService#ranker()});
 *   <li>re-ranking: {@link dev.mlsd.recommendation.serving.FreshnessBoost}, {@link
 *       dev.mlsd.recommendation.serving.FranchiseCapReRanker}, {@link
 *       dev.mlsd.recommendation.serving.MmrDiversityReRanker}.
 * </ol>
 *
 * Request-time (online) features are computed once per request by the query hydration stage into
 * the per-thread {@link dev.mlsd.recommendation.serving.RecoRequest}; the stages only read them.
 * {@link dev.mlsd.recommendation.serving.RecommendationHttpServer} answers over HTTP.
 *
 * <p>Book: chapter 6, "Serving".
 */
package dev.mlsd.recommendation.serving;
