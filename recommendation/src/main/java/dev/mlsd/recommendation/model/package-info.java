/**
 * Step 5, model development: the baselines ({@link dev.mlsd.recommendation.model.PopularityModel},
 * {@link dev.mlsd.recommendation.model.TrendingModel}, {@link
 * dev.mlsd.recommendation.model.ItemKnnModel}), matrix factorisation by weighted alternating least
 * squares ({@link dev.mlsd.recommendation.model.Wals}, with {@link
 * dev.mlsd.recommendation.model.WalsScorer} folding users in), the two-tower network ({@link
 * dev.mlsd.recommendation.model.TwoTowerModel}, trained by {@link
 * dev.mlsd.recommendation.model.TwoTowerTrainer} with an in-batch softmax corrected for sampling
 * bias, served by {@link dev.mlsd.recommendation.model.TwoTowerScorer} through core inference), the
 * content-based {@link dev.mlsd.recommendation.model.GenreModel}, and the scoring DNN ({@link
 * dev.mlsd.recommendation.model.RankerTrainer}). Every retrieval model is an {@link
 * dev.mlsd.recommendation.model.ItemScorer} so it can be evaluated by full ranking.
 *
 * <p>Book: chapter 6, "Model development".
 */
package dev.mlsd.recommendation.model;
