package dev.mlsd.recommendation.serving;

import dev.mlsd.core.inference.InferenceGraph;
import dev.mlsd.core.serving.Candidates;
import dev.mlsd.core.serving.Ranker;

/**
 * Scoring: the DNN ranking model (trained in DL4J, exported to a core {@link InferenceGraph}) over
 * every candidate's feature row, in one batch. The score is the predicted probability that the user
 * likes the video.
 *
 * <p>Thread safety: immutable; the inference scratch and output buffer are the request's.
 *
 * <p>Book: chapter 6, "Serving", scoring.
 */
public final class DnnRanker implements Ranker<RecoRequest> {
  private final InferenceGraph model;

  /**
   * @param model the exported ranker; input width = the hydrated feature width
   */
  public DnnRanker(InferenceGraph model) {
    this.model = model;
  }

  @Override
  public void rank(RecoRequest q, Candidates c) {
    int n = c.size();
    if (n == 0) {
      return;
    }
    model.score(c.features(), n, q.rankerOut, q.rankerScratch);
    // positions equal rows until the pipeline sorts
    for (int pos = 0; pos < n; pos++) {
      c.setScore(pos, q.rankerOut[c.row(pos)]);
    }
  }
}
