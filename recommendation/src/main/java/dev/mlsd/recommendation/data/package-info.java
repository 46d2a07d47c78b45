/**
 * Step 3 of the book's framework, data preparation: MovieLens loaders ({@link
 * dev.mlsd.recommendation.data.MovieLensLoader}), the catalogue of videos ({@link
 * dev.mlsd.recommendation.data.Catalog}), the interaction log ({@link
 * dev.mlsd.recommendation.data.Interactions}), the book's relevance definition ({@link
 * dev.mlsd.recommendation.data.Relevance}) and the per-user time split with held-out cold-start
 * users ({@link dev.mlsd.recommendation.data.TimeSplit}).
 *
 * <p>Book: chapter 6, "Data preparation".
 */
package dev.mlsd.recommendation.data;
