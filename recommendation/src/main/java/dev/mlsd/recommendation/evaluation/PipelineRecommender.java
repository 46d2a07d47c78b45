package dev.mlsd.recommendation.evaluation;

import dev.mlsd.recommendation.features.UserRequest;
import dev.mlsd.recommendation.serving.RecoRequest;
import dev.mlsd.recommendation.serving.RecommendationService;

/**
 * The full served pipeline (candidate generation, scoring, re-ranking) as a {@link Recommender}, so
 * that it is evaluated by exactly the code that serves.
 *
 * <p>Not thread-safe: owns one request.
 */
public final class PipelineRecommender implements Recommender {
  private final RecommendationService service;
  private final RecoRequest request;
  private final String name;

  /**
   * @param service the served recommender
   * @param name the row name
   */
  public PipelineRecommender(RecommendationService service, String name) {
    this.service = service;
    this.request = service.newRequest();
    this.name = name;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public int recommend(UserRequest r, int k, int[] out) {
    copy(r, request.user);
    return service.recommend(request, k, out);
  }

  /** Copies a request's history and time. */
  public static void copy(UserRequest from, UserRequest to) {
    to.reset(from.user, from.nowSeconds);
    for (int h = 0; h < from.length; h++) {
      to.add(from.items[h], from.ratings[h], 0);
    }
    to.lastSeconds = from.lastSeconds;
  }
}
