/**
 * Nearest-neighbour search over embeddings: the retrieval stage of visual search (chapter 2), video
 * search (chapter 4), recommendation (chapter 6) and similar listings (chapter 9).
 *
 * <p>Reading order:
 *
 * <ol>
 *   <li>{@link dev.mlsd.core.ann.VectorIndex}, its {@link dev.mlsd.core.ann.VectorIndex.Searcher}
 *       and the {@link dev.mlsd.core.ann.TopKCollector} results are pushed into, and {@link
 *       dev.mlsd.core.ann.IdBitSet}, a filter whose accepted ids a scan can walk;
 *   <li>{@link dev.mlsd.core.ann.Similarity} (cosine, dot product, Euclidean) and the {@link
 *       dev.mlsd.core.ann.VectorKernels} behind it (scalar reference, SIMD chosen at runtime);
 *   <li>{@link dev.mlsd.core.ann.MipsTransform} (inner product to L2) and {@link
 *       dev.mlsd.core.ann.RecallAgainstExact} (recall@k against the exact twin);
 *   <li>{@link dev.mlsd.core.ann.ExactIndex}, the brute-force reference;
 *   <li>{@link dev.mlsd.core.ann.HnswIndex} with {@link dev.mlsd.core.ann.HnswBuildParams}, its
 *       {@link dev.mlsd.core.ann.HnswSearcher} with {@link dev.mlsd.core.ann.SearchParams}, and the
 *       file layout in {@code HnswIndexFile} (files over 2 GiB mapped in segments);
 *   <li>inside the index: {@code HnswGraph} (flat link arrays), {@code HnswBuilder} (insertion, one
 *       per build thread, for {@link dev.mlsd.core.ann.HnswIndex#addAll} with several threads),
 *       {@code ScalarQuantizer} and {@code QuantizedVectors} (int8 codes searched by a quantized
 *       searcher, re-scored with the floats, which {@link
 *       dev.mlsd.core.ann.HnswIndex#loadQuantized} leaves in the mapped index file).
 * </ol>
 *
 * <p>Conventions: ids are dense ints in insertion order; scores are "higher is more similar" for
 * every metric; ties break by ascending id; searchers are per-thread; indexes allow concurrent
 * searches during writes (see each class).
 */
package dev.mlsd.core.ann;
