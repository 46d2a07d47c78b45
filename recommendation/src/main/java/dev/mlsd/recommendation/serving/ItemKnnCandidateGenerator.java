package dev.mlsd.recommendation.serving;

import dev.mlsd.core.serving.CandidateGenerator;
import dev.mlsd.core.serving.Candidates;

/**
 * Item-kNN retrieval: the videos most co-watched with the request's history.
 *
 * <p>Thread safety: immutable; reads the request's precomputed scores.
 *
 * <p>Book: chapter 6, "Candidate generation".
 */
public final class ItemKnnCandidateGenerator implements CandidateGenerator<RecoRequest> {
  private final int n;

  /**
   * @param n candidates to return
   */
  public ItemKnnCandidateGenerator(int n) {
    this.n = n;
  }

  @Override
  public void generate(RecoRequest q, Candidates out) {
    ScoredCandidateGenerator.top(q.knn, q, n, out);
  }
}
