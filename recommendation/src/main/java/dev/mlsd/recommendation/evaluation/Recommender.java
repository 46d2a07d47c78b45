package dev.mlsd.recommendation.evaluation;

import dev.mlsd.recommendation.features.UserRequest;

/**
 * Anything the offline evaluator can judge: given a request, the top items, best first, never an
 * item of the request's history.
 */
public interface Recommender {
  /** The row name in the metrics table. */
  String name();

  /**
   * @param request the request
   * @param k how many items
   * @param out receives up to k item indices, best first
   * @return how many were written
   */
  int recommend(UserRequest request, int k, int[] out);
}
