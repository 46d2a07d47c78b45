package dev.mlsd.recommendation.model;

import dev.mlsd.recommendation.data.Relevance;
import dev.mlsd.recommendation.features.UserRequest;

/**
 * Scores every item by {@code u . v_i}, with the user factor {@code u} folded in from the request's
 * history ({@link Wals#foldIn}), so warm, cold-start and anonymous users are served the same way
 * and a warm user's newest rows count.
 *
 * <p>Not thread-safe: owns fold-in scratch; one instance per thread.
 */
public final class WalsScorer implements ItemScorer {
  private final Wals wals;
  private final Wals.FoldInScratch scratch;
  private final float[] user;
  private float[] weights = new float[64];

  /**
   * @param wals the trained model
   */
  public WalsScorer(Wals wals) {
    this.wals = wals;
    this.scratch = wals.newScratch();
    this.user = new float[wals.factors()];
  }

  @Override
  public String name() {
    return "WALS";
  }

  /** Folds the request's user in; the result is valid until the next call. */
  public float[] userVector(UserRequest request) {
    if (weights.length < request.length) {
      weights = new float[Math.max(request.length, weights.length * 2)];
    }
    for (int h = 0; h < request.length; h++) {
      weights[h] = Relevance.weight(request.ratings[h]);
    }
    wals.foldIn(request.items, weights, request.length, scratch, user);
    return user;
  }

  @Override
  public void scoreAll(UserRequest request, float[] out) {
    float[] u = userVector(request);
    float[] v = wals.itemFactors();
    int k = wals.factors();
    int items = v.length / k;
    for (int i = 0; i < items; i++) {
      float s = 0;
      int o = i * k;
      for (int j = 0; j < k; j++) {
        s += u[j] * v[o + j];
      }
      out[i] = s;
    }
  }
}
