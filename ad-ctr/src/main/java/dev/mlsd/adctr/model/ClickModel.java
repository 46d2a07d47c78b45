package dev.mlsd.adctr.model;

import dev.mlsd.adctr.features.EncodedRows;

/**
 * A trained click model: P(click | user, ad, context), pointwise.
 *
 * <p>Book: chapter 8, "Frame the problem as an ML task": pointwise learning to rank as binary
 * classification.
 */
public interface ClickModel {
  /** The model's display name, e.g. {@code "DCN"}. */
  String name();

  /**
   * Click probabilities for a block of rows.
   *
   * @return one probability in [0, 1] per row, in row order
   */
  float[] predict(EncodedRows rows);
}
