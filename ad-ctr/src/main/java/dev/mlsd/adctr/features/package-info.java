/**
 * Step 4, feature engineering: one {@link dev.mlsd.adctr.features.FeaturePipeline} object, used by
 * training and by serving, turns a raw impression into integer feature ids, one per field, in one
 * global id space: numeric fields through {@link dev.mlsd.adctr.features.LogBucketizer} (log
 * transform, buckets, a missing-value bucket), categorical fields through {@link
 * dev.mlsd.adctr.features.HashedField} (the hashing trick, per field), the ad's and advertiser's
 * historical click-through rates from {@link dev.mlsd.adctr.features.HistoricalCtr} (batch
 * features), and for the linear models the {@link dev.mlsd.adctr.features.Crosses}. The deep models
 * look each id up in a per-field embedding.
 *
 * <p>Book: chapter 8, "Feature engineering".
 */
package dev.mlsd.adctr.features;
