/**
 * Reusable rankers for any module's {@link dev.mlsd.core.serving.ServingPipeline}: {@link
 * dev.mlsd.core.serving.ranking.GraphRanker} scores every candidate in one batch through an
 * exported {@link dev.mlsd.core.inference.InferenceGraph} served by a {@link
 * dev.mlsd.core.serving.ModelHolder} (so the model can be swapped under load), with optional
 * calibration ({@link dev.mlsd.core.serving.ranking.ScoringGraph#calibrate}).
 *
 * <p>Book: chapter 1, "Serving" (ranking); chapter 6, "Serving" (scoring); chapter 8, "Serving:
 * ranking service".
 */
package dev.mlsd.core.serving.ranking;
