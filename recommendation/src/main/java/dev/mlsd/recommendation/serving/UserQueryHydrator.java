package dev.mlsd.recommendation.serving;

import dev.mlsd.core.serving.QueryHydrator;
import dev.mlsd.recommendation.data.Catalog;
import dev.mlsd.recommendation.data.Relevance;
import dev.mlsd.recommendation.features.UserRequest;

/**
 * Query hydration, the pipeline's first stage: from the request's history ({@code q.user}) it marks
 * the watched videos, computes the user's two embeddings (two-tower user tower; WALS fold-in) and
 * aggregates, or reads them from the feature store when the request names a materialised user
 * ({@link RecoRequest#userState}), then scores trending, item-kNN and genre over the catalogue at
 * the request's time, and EASE over the catalogue (equal and recency weights, one pass). Later
 * stages only read what it wrote.
 *
 * <p>The two embeddings are written MIPS-augmented: one more component, 0 (see {@link
 * dev.mlsd.core.ann.MipsTransform}), so the ANN generators search with them as they are.
 *
 * <p>Thread safety: immutable; it writes only into the request, whose model copies (user tower,
 * WALS fold-in) are that thread's.
 *
 * <p>Book: chapter 6, "Serving" (the user's features at request time).
 *
 * @throws IllegalArgumentException (from {@link #hydrate}) on an unknown item in the history
 */
public final class UserQueryHydrator implements QueryHydrator<RecoRequest> {
  private final RecommendationModels models;

  /**
   * @param models the trained models
   */
  public UserQueryHydrator(RecommendationModels models) {
    this.models = models;
  }

  @Override
  public void hydrate(RecoRequest q) {
    markHistory(q);
    UserRequest u = q.user;
    UserStateFeatures userState = q.userState;
    if (userState == null || u.user < 0 || !userState.read(q, u.user)) {
      computeUserState(q);
    }
    models.trending().scoreAll(u, q.trending);
    models.itemKnn().scoreAll(u, q.knn);
    q.genreModel.scoreAll(u, q.genre);
    models.ease().scoreBoth(u, models.easeHalfLife(), q.ease, q.easeRecent);
  }

  /**
   * Marks the history's videos as watched (the filter and the ANN searches read the marks), and
   * nothing else: all the cold-start fallback needs.
   *
   * @throws IllegalArgumentException on an unknown item in the history
   */
  void markHistory(RecoRequest q) {
    for (int i = 0; i < q.markedCount; i++) {
      q.seen[q.marked[i]] = false;
    }
    q.markedCount = 0;
    UserRequest u = q.user;
    int items = models.catalog().size();
    for (int h = 0; h < u.length; h++) {
      int it = u.items[h];
      if (it < 0 || it >= items) {
        throw new IllegalArgumentException("unknown item index " + it + " in the history");
      }
      if (!q.seen[it]) {
        q.seen[it] = true;
        q.marked[q.markedCount++] = it;
      }
    }
  }

  /** The user part of the request-time features: both embeddings and the aggregates. */
  void computeUserState(RecoRequest q) {
    UserRequest u = q.user;
    // the last component stays 0: the indexes hold MIPS-augmented vectors
    System.arraycopy(q.tower.userVector(u), 0, q.towerUser, 0, q.towerUser.length - 1);
    System.arraycopy(q.wals.userVector(u), 0, q.walsUser, 0, q.walsUser.length - 1);
    Catalog cat = models.catalog();
    double years = 0;
    int yearCount = 0;
    int liked = 0;
    double stars = 0;
    for (int h = 0; h < u.length; h++) {
      int y = cat.year(u.items[h]);
      if (y != Catalog.UNKNOWN_YEAR) {
        years += y;
        yearCount++;
      }
      liked += Relevance.liked(u.ratings[h]) ? 1 : 0;
      stars += u.ratings[h];
    }
    q.userMeanYear = yearCount == 0 ? 0f : (float) (years / yearCount);
    q.userLogCount = (float) (Math.log1p(u.length) / 8);
    q.userLikedShare = u.length == 0 ? 0f : (float) liked / u.length;
    q.userMeanStars = u.length == 0 ? 0f : (float) (stars / u.length / 5);
  }
}
