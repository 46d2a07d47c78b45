/**
 * Model: the CNN encoder ({@link dev.mlsd.visualsearch.model.CnnEncoder}, configured by {@link
 * dev.mlsd.visualsearch.model.EncoderConfig}), its self-supervised contrastive training ({@link
 * dev.mlsd.visualsearch.model.ContrastiveTrainer} with {@link
 * dev.mlsd.visualsearch.model.NtXentLoss}), its cache on disk ({@link
 * dev.mlsd.visualsearch.model.EncoderStore}), and the embedders compared on one protocol behind
 * {@link dev.mlsd.visualsearch.model.ImageEmbedder}: the trained {@link
 * dev.mlsd.visualsearch.model.Encoder}, raw pixels, PCA and the random-weight CNN.
 *
 * <p>Book: chapter 2, "Model development".
 */
package dev.mlsd.visualsearch.model;
