package dev.mlsd.adctr.model;

import dev.mlsd.adctr.features.EncodedRows;

/**
 * The trivial predictor: always the training click-through rate. Its log loss is the denominator of
 * normalised cross-entropy, so its NCE is 1 (on data with the training CTR); every real model must
 * beat it.
 *
 * @param ctr the training click-through rate
 */
public record BackgroundCtr(double ctr) implements ClickModel {
  /** Fits the background rate on training rows. */
  public static BackgroundCtr fit(EncodedRows train) {
    return new BackgroundCtr(train.ctr());
  }

  @Override
  public String name() {
    return "background CTR";
  }

  @Override
  public float[] predict(EncodedRows rows) {
    float[] p = new float[rows.size()];
    java.util.Arrays.fill(p, (float) ctr);
    return p;
  }
}
