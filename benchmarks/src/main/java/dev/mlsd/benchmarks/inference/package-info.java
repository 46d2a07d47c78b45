/**
 * The inference path ({@link dev.mlsd.core.inference}) against DL4J's own forward pass, side by
 * side in one run: DL4J {@code output()}, the scalar twin and the SIMD path, at request batches of
 * 1, 64 and 500 candidates. Each benchmark checks in its setup that all three paths agree within
 * 1e-5.
 */
package dev.mlsd.benchmarks.inference;
