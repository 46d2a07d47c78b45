package dev.mlsd.recommendation.serving;

import dev.mlsd.core.ann.SearchParams;
import dev.mlsd.core.serving.CandidateGenerator;
import dev.mlsd.core.serving.Candidates;

/**
 * Two-tower retrieval: the request's user embedding searched in the core HNSW index of video
 * embeddings (inner product), already-watched videos filtered inside the search.
 *
 * <p>Thread safety: immutable; the searcher and collector are the request's.
 *
 * <p>Book: chapter 6, "Candidate generation" (two-tower + ANN).
 */
public final class TwoTowerCandidateGenerator implements CandidateGenerator<RecoRequest> {
  private final int n;
  private final SearchParams params;

  /**
   * @param n candidates to return
   * @param params HNSW query parameters
   */
  public TwoTowerCandidateGenerator(int n, SearchParams params) {
    this.n = n;
    this.params = params;
  }

  @Override
  public void generate(RecoRequest q, Candidates out) {
    AnnSearch.top(q.towerSearcher, q.towerUser, params, q, n, out);
  }
}
