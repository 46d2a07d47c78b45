package dev.mlsd.recommendation.serving;

import dev.mlsd.core.serving.CandidateGenerator;
import dev.mlsd.core.serving.Candidates;
import dev.mlsd.recommendation.model.PopularityModel;
import dev.mlsd.recommendation.model.TopItems;

/**
 * The "popular" generator: the most-watched videos of the training period that the user has not
 * watched. The ranked list is computed once at construction.
 *
 * <p>Thread safety: immutable.
 *
 * <p>Book: chapter 6, "Candidate generation" (popular videos).
 */
public final class PopularCandidateGenerator implements CandidateGenerator<RecoRequest> {
  private final int n;
  private final int[] ranked;
  private final float[] scores;

  /**
   * @param popularity the popularity model
   * @param items catalogue size
   * @param n candidates to return
   */
  public PopularCandidateGenerator(PopularityModel popularity, int items, int n) {
    this.n = n;
    scores = new float[items];
    popularity.scoreAll(null, scores);
    // enough to still have n after removing a heavy user's history
    int depth = Math.min(items, n + 2000);
    ranked = new int[depth];
    new TopItems(depth).select(scores, null, depth, ranked);
  }

  @Override
  public void generate(RecoRequest q, Candidates out) {
    int added = 0;
    for (int i = 0; i < ranked.length && added < n; i++) {
      int id = ranked[i];
      if (!q.seen[id]) {
        out.add(id, scores[id]);
        added++;
      }
    }
  }
}
