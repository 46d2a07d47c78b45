/**
 * ANN benchmarks: this project's HNSW ({@code dev.mlsd.core.ann}) against Lucene's HNSW, jelmerk
 * hnswlib and the exact SIMD brute force, on the same vectors ({@link
 * dev.mlsd.benchmarks.ann.AnnSearchBenchmark}), and the load time of a saved index ({@link
 * dev.mlsd.benchmarks.ann.HnswLoadBenchmark}). Results and the command are in {@code
 * benchmarks/README.md}, section "ANN index".
 */
package dev.mlsd.benchmarks.ann;
