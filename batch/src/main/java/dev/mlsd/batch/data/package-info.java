/**
 * Impression logs as Spark datasets with ad-ctr's fields and missing values, read from Criteo's TSV
 * or Parquet, and a seeded synthetic log with the sample's schema and skew for the scale
 * simulation. Book: chapter 8, "Data preparation".
 */
package dev.mlsd.batch.data;
