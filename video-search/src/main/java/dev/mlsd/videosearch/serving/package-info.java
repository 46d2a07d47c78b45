/**
 * Step 7, serving: the two searches ({@link dev.mlsd.videosearch.serving.SearchComponent}: BM25 and
 * the learned search over an ANN index), the fusion layer ({@link
 * dev.mlsd.videosearch.serving.WeightedSumFusion}, {@link
 * dev.mlsd.videosearch.serving.ReciprocalRankFusion}) and the re-ranking rules.
 *
 * <p>Book: chapter 4, "Serving".
 */
package dev.mlsd.videosearch.serving;
