/**
 * Step 7, serving: the prediction pipeline of chapter 4 ({@link
 * dev.mlsd.videosearch.serving.SearchPipelines}): query embedding, the two searches (BM25 on
 * Lucene, {@link dev.mlsd.videosearch.serving.TextSearchCandidates}; the learned search on core's
 * ANN generator), the private-video filter, the fusion layer ({@link
 * dev.mlsd.videosearch.serving.FusionRanker} with {@link
 * dev.mlsd.videosearch.serving.WeightedSumFusion} or {@link
 * dev.mlsd.videosearch.serving.ReciprocalRankFusion}) and the re-ranking rules; the indexing
 * pipeline ({@link dev.mlsd.videosearch.serving.VideoIndexer}) and the HTTP server ({@link
 * dev.mlsd.videosearch.serving.VideoSearchServer}).
 *
 * <p>Book: chapter 4, "Serving".
 */
package dev.mlsd.videosearch.serving;
