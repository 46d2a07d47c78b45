package dev.mlsd.recommendation.serving;

import dev.mlsd.recommendation.evaluation.Recommender;
import dev.mlsd.recommendation.features.UserRequest;

/**
 * The full served pipeline (candidate generation, scoring, re-ranking) as a {@link Recommender}, so
 * that it is evaluated by exactly the code that serves. It lives in {@code serving} so that
 * evaluation never depends on serving (the packages follow the book's order, no cycle).
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
    request.user.copyFrom(r);
    return service.recommend(request, k, out);
  }
}
