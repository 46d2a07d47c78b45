/**
 * Features: the preprocessing shared by training and serving ({@link
 * dev.mlsd.visualsearch.features.Preprocessor}), the random views of self-supervised training
 * ({@link dev.mlsd.visualsearch.features.Augmenter}) and the pixel operations both use.
 *
 * <p>Book: chapter 2, "Feature engineering".
 */
package dev.mlsd.visualsearch.features;
