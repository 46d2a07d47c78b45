package dev.mlsd.recommendation.model;

import dev.mlsd.recommendation.features.UserRequest;

/**
 * A model that scores every item for one request: the form every baseline and every retrieval model
 * takes for full-ranking evaluation (all items ranked, none sampled). Higher is better.
 *
 * <p>Implementations document their own thread safety; most keep per-thread scratch and are
 * single-threaded.
 */
public interface ItemScorer {
  /** A short name for tables, e.g. {@code "popularity"}. */
  String name();

  /**
   * Scores every item.
   *
   * @param request the request
   * @param out receives one score per item index; overwritten
   */
  void scoreAll(UserRequest request, float[] out);
}
