/**
 * Step 5 of the book's framework, model development: {@link
 * dev.mlsd.harmful.model.MultiTaskNetwork} (the book's model: a shared trunk over the fused
 * features, one head per harm category, loss = sum of per-task losses, {@link
 * dev.mlsd.harmful.model.FocalLoss} as an option; its first layer's n-gram rows are an {@link
 * dev.mlsd.harmful.model.EmbeddingBag} trained sparsely), the baseline {@link
 * dev.mlsd.harmful.model.HashedLogisticRegression} (one model per task), and {@link
 * dev.mlsd.harmful.model.InferenceExport}, which turns the trained network into core's served
 * {@code InferenceGraph}.
 *
 * <p>Book: chapter 5, "Model development" and "Training".
 */
package dev.mlsd.harmful.model;
