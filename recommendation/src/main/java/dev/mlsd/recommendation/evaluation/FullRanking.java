package dev.mlsd.recommendation.evaluation;

import dev.mlsd.recommendation.features.UserRequest;
import dev.mlsd.recommendation.model.ItemScorer;
import dev.mlsd.recommendation.model.TopItems;

/**
 * The full-ranking protocol: a model scores every item of the catalogue, the request's history is
 * removed, and the top k of everything else is the list (no sampled negatives, no candidate
 * pre-filter).
 *
 * <p>Not thread-safe: owns score and mask buffers.
 */
public final class FullRanking implements Recommender {
  private final ItemScorer scorer;
  private final String name;
  private final float[] scores;
  private final boolean[] excluded;
  private final TopItems top;

  /**
   * @param scorer the model
   * @param items catalogue size
   * @param maxK the largest k asked
   */
  public FullRanking(ItemScorer scorer, int items, int maxK) {
    this(scorer, scorer.name(), items, maxK);
  }

  /** As above, with a row name of the caller's choice. */
  public FullRanking(ItemScorer scorer, String name, int items, int maxK) {
    this.scorer = scorer;
    this.name = name;
    this.scores = new float[items];
    this.excluded = new boolean[items];
    this.top = new TopItems(maxK);
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public int recommend(UserRequest request, int k, int[] out) {
    scorer.scoreAll(request, scores);
    for (int h = 0; h < request.length; h++) {
      excluded[request.items[h]] = true;
    }
    int n = top.select(scores, excluded, k, out);
    for (int h = 0; h < request.length; h++) {
      excluded[request.items[h]] = false;
    }
    return n;
  }
}
