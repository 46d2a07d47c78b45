/**
 * The feature store: precomputed (batch) features keyed by entity id, written by an offline
 * materialisation job and read at serving time, one batch per request.
 *
 * <p>{@link dev.mlsd.core.featurestore.FeatureStore} has two implementations: {@link
 * dev.mlsd.core.featurestore.InMemoryFeatureStore}, the embedded default of the demos and tests,
 * and {@code RedisFeatureStore}, through Jedis, with one MGET round trip per request, a compact
 * versioned binary value ({@link dev.mlsd.core.featurestore.FeatureCodec}) and a per-request time
 * budget beyond which serving falls back to each feature's default value. A {@link
 * dev.mlsd.core.featurestore.FeatureSchema} names a group of features, their order and defaults.
 * Training reads features through the same {@link dev.mlsd.core.featurestore.FeatureStore#read}
 * path as serving, so there is no training/serving skew.
 *
 * <p>Book: chapter 1, "Feature store" and "Training/serving skew"; chapter 8, "Serving".
 */
package dev.mlsd.core.featurestore;
