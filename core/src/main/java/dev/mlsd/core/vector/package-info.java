/**
 * Core's one family of numeric kernels: {@link dev.mlsd.core.vector.VectorKernels} (dot product,
 * squared distance, batched dense product) with its scalar reference twin and its SIMD
 * implementation on {@code jdk.incubator.vector}, chosen by one rule ({@link
 * dev.mlsd.core.vector.VectorKernels#best()}). The nearest-neighbour indexes ({@code
 * dev.mlsd.core.ann}) and the inference graphs ({@code dev.mlsd.core.inference}) both compute with
 * it.
 */
package dev.mlsd.core.vector;
