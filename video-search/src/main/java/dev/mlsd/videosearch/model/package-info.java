/**
 * Step 5, model development: the text search ({@link dev.mlsd.videosearch.model.TextSearchIndex},
 * BM25 on Apache Lucene) and the learned search (a two-tower model trained contrastively).
 *
 * <p>Book: chapter 4, "Model development".
 */
package dev.mlsd.videosearch.model;
