package dev.mlsd.recommendation.serving;

import dev.mlsd.core.ann.SearchParams;
import dev.mlsd.core.serving.CandidateGenerator;
import dev.mlsd.core.serving.Candidates;

/**
 * WALS retrieval: the request's folded-in user factor searched in the core HNSW index of WALS item
 * factors (inner product).
 *
 * <p>Thread safety: immutable; the searcher and collector are the request's.
 *
 * <p>Book: chapter 6, "Candidate generation" (matrix factorisation embeddings + ANN).
 */
public final class WalsCandidateGenerator implements CandidateGenerator<RecoRequest> {
  private final int n;
  private final SearchParams params;

  /**
   * @param n candidates to return
   * @param params HNSW query parameters
   */
  public WalsCandidateGenerator(int n, SearchParams params) {
    this.n = n;
    this.params = params;
  }

  @Override
  public void generate(RecoRequest q, Candidates out) {
    AnnSearch.top(q.walsSearcher, q.walsUser, params, q, n, out);
  }
}
