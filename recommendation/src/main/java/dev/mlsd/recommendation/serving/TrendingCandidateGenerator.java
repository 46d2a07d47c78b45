package dev.mlsd.recommendation.serving;

import dev.mlsd.core.serving.CandidateGenerator;
import dev.mlsd.core.serving.Candidates;

/**
 * The "trending" generator: the videos most watched among the latest training rows before the
 * request's time.
 *
 * <p>Thread safety: immutable; reads the request's precomputed counts.
 *
 * <p>Book: chapter 6, "Candidate generation" (trending videos).
 */
public final class TrendingCandidateGenerator implements CandidateGenerator<RecoRequest> {
  private final int n;

  /**
   * @param n candidates to return
   */
  public TrendingCandidateGenerator(int n) {
    this.n = n;
  }

  @Override
  public void generate(RecoRequest q, Candidates out) {
    ScoredCandidateGenerator.top(q.trending, q, n, out);
  }
}
