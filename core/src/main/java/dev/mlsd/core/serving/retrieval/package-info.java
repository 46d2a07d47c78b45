/**
 * Reusable candidate generators (retrieval) for any module's {@link
 * dev.mlsd.core.serving.ServingPipeline}: {@link
 * dev.mlsd.core.serving.retrieval.AnnCandidateGenerator} searches any {@link
 * dev.mlsd.core.ann.VectorIndex} (HNSW or exact) with a vector the request carries ({@link
 * dev.mlsd.core.serving.retrieval.QueryVector}), normally written by a {@link
 * dev.mlsd.core.serving.QueryHydrator}. For inner-product embeddings, index them through {@link
 * dev.mlsd.core.ann.MipsTransform}.
 *
 * <p>Book: chapter 2, "Approximate nearest neighbor"; chapter 6, "Candidate generation"; chapter 7,
 * "Serving" (video search).
 */
package dev.mlsd.core.serving.retrieval;
