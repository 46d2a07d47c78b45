package dev.mlsd.recommendation.serving;

import dev.mlsd.core.serving.Candidates;

/** Shared by the generators that score the whole catalogue: push the best n unwatched items. */
final class ScoredCandidateGenerator {
  private ScoredCandidateGenerator() {}

  static void top(float[] scores, RecoRequest q, int n, Candidates out) {
    int got = q.top.select(scores, q.seen, n, q.topIds);
    for (int i = 0; i < got; i++) {
      int id = q.topIds[i];
      out.add(id, scores[id]);
    }
  }
}
