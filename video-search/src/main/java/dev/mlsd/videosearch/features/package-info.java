/**
 * Step 4, feature engineering for text: the book's normalisation ({@link
 * dev.mlsd.videosearch.features.TextNormalizer}), the Lucene analyzer of the text search with
 * optional stemming ({@link dev.mlsd.videosearch.features.SearchAnalyzer}) and the hashing trick
 * that turns tokens into the two-tower model's ids ({@link
 * dev.mlsd.videosearch.features.TokenHasher}). The video tower reads the catalogue's text through
 * the same hasher; a frame-level video encoder would replace it (see the module README).
 *
 * <p>Book: chapter 4, "Feature engineering".
 */
package dev.mlsd.videosearch.features;
