package dev.mlsd.recommendation.serving;

import dev.mlsd.core.ann.SearchParams;
import dev.mlsd.core.ann.TopKCollector;
import dev.mlsd.core.ann.VectorIndex;
import dev.mlsd.core.serving.Candidates;

/** Shared by the two ANN generators: search, skip watched videos, push the best n. */
final class AnnSearch {
  private AnnSearch() {}

  static void top(
      VectorIndex.Searcher searcher,
      float[] query,
      SearchParams params,
      RecoRequest q,
      int n,
      Candidates out) {
    TopKCollector c = q.collector;
    c.reset();
    searcher.search(query, params, q.notSeen, c);
    float[] scores = q.rankerOut;
    int got = c.drainTo(q.topIds, scores);
    for (int i = 0; i < Math.min(got, n); i++) {
      out.add(q.topIds[i], scores[i]);
    }
  }
}
