/**
 * Step 3 of the book's framework, data preparation: the DiDeMo loader ({@link
 * dev.mlsd.videosearch.data.DidemoLoader}), the search protocol that holds one description of each
 * video out as its query ({@link dev.mlsd.videosearch.data.SearchCorpus}), the seeded split of the
 * videos ({@link dev.mlsd.videosearch.data.VideoSplit}) and the contrastive training pairs of the
 * training videos ({@link dev.mlsd.videosearch.data.TrainingPair}).
 *
 * <p>Book: chapter 4, "Data preparation".
 */
package dev.mlsd.videosearch.data;
