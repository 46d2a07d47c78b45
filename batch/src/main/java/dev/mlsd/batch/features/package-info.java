/**
 * The batch feature pipelines: ad-ctr's historical click-through rates (past-only per impression,
 * and the serving snapshot), training-data generation, and recommendation's popularity, trending
 * and co-occurrence counts. Each reuses the case-study module's own definitions and is tested equal
 * to its in-process twin. Book: chapter 8, "Feature engineering"; chapter 6, "Model development".
 */
package dev.mlsd.batch.features;
