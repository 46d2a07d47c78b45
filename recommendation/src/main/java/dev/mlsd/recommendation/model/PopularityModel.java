package dev.mlsd.recommendation.model;

import dev.mlsd.recommendation.features.UserRequest;

/**
 * Baseline: the most-watched videos in the training rows, the same list for everyone.
 *
 * <p>Thread safety: immutable.
 *
 * <p>Book: chapter 6, "Serving", the "popular" candidate generator.
 */
public final class PopularityModel implements ItemScorer {
  private final float[] score;

  /**
   * @param m the training matrix
   */
  public PopularityModel(FeedbackMatrix m) {
    int[] c = m.itemCounts();
    score = new float[c.length];
    for (int i = 0; i < c.length; i++) {
      // ties break by item index (lower first) through a tiny decreasing offset
      score[i] = c[i] - i * 1e-6f / c.length;
    }
  }

  @Override
  public String name() {
    return "popularity";
  }

  @Override
  public void scoreAll(UserRequest request, float[] out) {
    System.arraycopy(score, 0, out, 0, score.length);
  }

  /** log1p of the training watch count of an item. */
  public float logCount(int item) {
    return (float) Math.log1p(Math.max(0, Math.round(score[item])));
  }
}
