package dev.mlsd.recommendation.serving;

import dev.mlsd.core.serving.CandidateGenerator;
import dev.mlsd.core.serving.Candidates;

/**
 * EASE retrieval: the videos the item-item model predicts from the request's history, with every
 * watch weighted equally or (the sequence-aware variant) with the recent watches weighted more.
 *
 * <p>Thread safety: immutable; reads the request's precomputed scores.
 *
 * <p>Book: chapter 6, "Candidate generation" (collaborative filtering).
 */
public final class EaseCandidateGenerator implements CandidateGenerator<RecoRequest> {
  private final int n;
  private final boolean recent;

  /**
   * @param n candidates to return
   * @param recent use the recency-weighted scores
   */
  public EaseCandidateGenerator(int n, boolean recent) {
    this.n = n;
    this.recent = recent;
  }

  @Override
  public void generate(RecoRequest q, Candidates out) {
    ScoredCandidateGenerator.top(recent ? q.easeRecent : q.ease, q, n, out);
  }
}
