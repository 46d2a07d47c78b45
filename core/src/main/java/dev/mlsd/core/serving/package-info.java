/**
 * The serving pipeline the book draws for every case study: candidate generation, filtering,
 * feature hydration from the feature store, ranking, re-ranking.
 *
 * <p>A module declares its stages, in run order, with {@link
 * dev.mlsd.core.serving.ServingPipeline#builder(String)}; the wiring holds no logic. Each stage is
 * a one-method interface named as the book names it: {@link
 * dev.mlsd.core.serving.CandidateGenerator}, {@link dev.mlsd.core.serving.Filter}, {@link
 * dev.mlsd.core.serving.FeatureHydrator}, {@link dev.mlsd.core.serving.Ranker}, {@link
 * dev.mlsd.core.serving.ReRanker}. Stages exchange one primitive, per-thread scratch object, {@link
 * dev.mlsd.core.serving.Candidates}: int ids, {@code float[]} features and scores, reset per
 * request, so that a request allocates nothing per candidate. {@link
 * dev.mlsd.core.serving.ModelHolder} swaps a served model atomically while requests are in flight.
 *
 * <p>Book: chapter 1, "Serving" (prediction pipeline); chapter 6 (several candidate generators
 * merged); chapter 8 (ad serving under a 10 ms budget).
 */
package dev.mlsd.core.serving;
