package dev.mlsd.harmful.model;

import dev.mlsd.harmful.features.EncodedPosts;

/**
 * A trained classifier with one probability per harm category ({@link
 * dev.mlsd.harmful.data.HarmTask} order).
 *
 * <p>Thread safety: implementations may be used from one thread at a time for {@link #predict}.
 */
public interface HarmClassifier {
  /** The model's name, as in tables. */
  String name();

  /**
   * Scores featurised posts.
   *
   * @return {@code p[t][i]}: the probability that post {@code i} is positive for task {@code t}
   */
  float[][] predict(EncodedPosts posts);
}
