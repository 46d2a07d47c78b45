/**
 * Materialisation: a batch job's feature rows written, partition by partition, into the feature
 * store serving reads (Redis or Redis Cluster), under the keys serving uses. Book: chapter 1,
 * "Feature store"; chapter 8, "Serving".
 */
package dev.mlsd.batch.serving;
