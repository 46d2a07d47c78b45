/**
 * Serving: the prediction pipeline in run order ({@link
 * dev.mlsd.visualsearch.serving.VisualSearchService}: embedding generation with {@link
 * dev.mlsd.visualsearch.serving.QueryImageDecoder} and {@link
 * dev.mlsd.visualsearch.serving.CropBox}, nearest neighbours on core's HNSW index, re-ranking with
 * {@link dev.mlsd.visualsearch.serving.NearDuplicateReRanker} over the {@link
 * dev.mlsd.visualsearch.serving.Gallery}'s private flags), the {@link
 * dev.mlsd.visualsearch.serving.IndexingPipeline}, and the HTTP API and web page ({@link
 * dev.mlsd.visualsearch.serving.VisualSearchServer}).
 *
 * <p>Book: chapter 2, "Serving".
 */
package dev.mlsd.visualsearch.serving;
