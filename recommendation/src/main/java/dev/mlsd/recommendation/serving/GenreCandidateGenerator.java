package dev.mlsd.recommendation.serving;

import dev.mlsd.core.serving.CandidateGenerator;
import dev.mlsd.core.serving.Candidates;

/**
 * The genre-based generator: the videos that best match the genres the user liked, popular ones
 * first within a genre (content-based; works from a one-video history).
 *
 * <p>Thread safety: immutable; reads the request's precomputed scores.
 *
 * <p>Book: chapter 6, "Candidate generation" (the book's location-based generator's content
 * analogue: MovieLens has no location).
 */
public final class GenreCandidateGenerator implements CandidateGenerator<RecoRequest> {
  private final int n;

  /**
   * @param n candidates to return
   */
  public GenreCandidateGenerator(int n) {
    this.n = n;
  }

  @Override
  public void generate(RecoRequest q, Candidates out) {
    ScoredCandidateGenerator.top(q.genre, q, n, out);
  }
}
