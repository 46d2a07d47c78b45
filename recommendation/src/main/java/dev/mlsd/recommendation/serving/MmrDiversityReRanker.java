package dev.mlsd.recommendation.serving;

import dev.mlsd.core.serving.Candidates;
import dev.mlsd.core.serving.ReRanker;
import dev.mlsd.recommendation.data.Catalog;
import dev.mlsd.recommendation.evaluation.GenreSimilarity;

/**
 * Diversity by maximal marginal relevance (Carbonell and Goldstein, SIGIR 1998) on genres: the
 * first k slots are filled greedily, each with the candidate among the top {@code window} that
 * maximises {@code lambda * relevance - (1 - lambda) * max similarity to those already chosen},
 * where relevance is the score min-max scaled over the window and similarity is the genre Jaccard
 * index. {@code lambda = 1} keeps the ranked order; lower values trade relevance for diversity.
 *
 * <p>Thread safety: immutable; allocates nothing (O(k * window * k) similarities).
 *
 * <p>Book: chapter 6, "Re-ranking" (diversity) and "Evaluation" (diversity).
 */
public final class MmrDiversityReRanker implements ReRanker<RecoRequest> {
  private final Catalog catalog;
  private final double lambda;
  private final int window;

  /**
   * @param catalog the videos (genres)
   * @param lambda relevance weight in [0, 1]
   * @param window how deep in the ranked list to look, at least 1
   */
  public MmrDiversityReRanker(Catalog catalog, double lambda, int window) {
    if (!(lambda >= 0 && lambda <= 1)) {
      throw new IllegalArgumentException("lambda must be in [0, 1], got " + lambda);
    }
    if (window < 1) {
      throw new IllegalArgumentException("window must be >= 1, got " + window);
    }
    this.catalog = catalog;
    this.lambda = lambda;
    this.window = window;
  }

  /** The relevance weight. */
  public double lambda() {
    return lambda;
  }

  @Override
  public void reRank(RecoRequest q, Candidates c, int k) {
    if (lambda == 1.0) {
      return;
    }
    int w = Math.min(window, c.size());
    if (w < 2) {
      return;
    }
    float max = Float.NEGATIVE_INFINITY;
    float min = Float.POSITIVE_INFINITY;
    for (int p = 0; p < w; p++) {
      max = Math.max(max, c.score(p));
      min = Math.min(min, c.score(p));
    }
    float range = max > min ? max - min : 1f;
    int slots = Math.min(k, w);
    for (int s = 0; s < slots; s++) {
      int best = s;
      double bestValue = Double.NEGATIVE_INFINITY;
      for (int p = s; p < w; p++) {
        int mask = catalog.genreMask(c.id(p));
        double sim = 0;
        for (int j = 0; j < s; j++) {
          sim = Math.max(sim, GenreSimilarity.jaccard(mask, catalog.genreMask(c.id(j))));
        }
        double v = lambda * (c.score(p) - min) / range - (1 - lambda) * sim;
        if (v > bestValue) {
          bestValue = v;
          best = p;
        }
      }
      if (best != s) {
        c.moveTo(best, s);
      }
    }
  }
}
