/**
 * Step 4, feature engineering: video features ({@link
 * dev.mlsd.recommendation.features.VideoFeatures}: genres multi-hot, release year, hashed title
 * tokens, hashed tags), user features ({@link dev.mlsd.recommendation.features.UserFeatures}:
 * averaged embeddings of watched and liked videos, genre affinity, activity counts, time-of-day and
 * day-of-week context), and the one {@link dev.mlsd.recommendation.features.FeaturePipeline} that
 * training and serving both call, so there is no training/serving skew.
 *
 * <p>Book: chapter 6, "Feature engineering".
 */
package dev.mlsd.recommendation.features;
