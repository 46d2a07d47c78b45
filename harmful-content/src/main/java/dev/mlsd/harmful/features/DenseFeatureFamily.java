package dev.mlsd.harmful.features;

import java.util.List;

/**
 * A feature family that contributes a fixed number of floats to the fused input (early fusion:
 * every family's features are concatenated and one model reads them all). The book's other families
 * (image and video embeddings, author history, user reactions) would each be one more
 * implementation, added to {@link Featurizer}'s list; the model's input widens with them and
 * nothing else changes.
 *
 * <p>Implementations are immutable and thread-safe; {@link #compute} must not allocate.
 *
 * <p>Book: chapter 5, "Feature fusion" (early fusion).
 */
public interface DenseFeatureFamily {
  /** The family's name, e.g. {@code "post-signals"}. */
  String name();

  /** The name of each float, in order; {@code featureNames().size()} is the width. */
  List<String> featureNames();

  /**
   * Writes this family's floats for the post being featurised.
   *
   * @param raw the post's raw text
   * @param s the scratch, already holding the normalised text and its tokens
   * @param out the fused dense row
   * @param offset where this family's floats start in {@code out}
   */
  void compute(CharSequence raw, FeatureScratch s, float[] out, int offset);
}
