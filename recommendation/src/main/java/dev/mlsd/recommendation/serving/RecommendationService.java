package dev.mlsd.recommendation.serving;

import dev.mlsd.core.ann.SearchParams;
import dev.mlsd.core.serving.Candidates;
import dev.mlsd.core.serving.RequestScratch;
import dev.mlsd.core.serving.ServingPipeline;
import dev.mlsd.recommendation.data.Catalog;
import dev.mlsd.recommendation.data.Relevance;
import dev.mlsd.recommendation.features.UserRequest;

/**
 * The served recommender: computes a request's online features ({@link #prepare}), then runs the
 * declared pipeline — candidate generation (six generators, merged and de-duplicated), the
 * already-watched filter, feature hydration, DNN scoring, and re-ranking (freshness, franchise cap,
 * MMR diversity).
 *
 * <p>Thread safety: immutable and shared; every thread uses its own {@link RecoRequest} from {@link
 * #newRequest()} (the pipeline keeps its own per-thread scratch).
 *
 * <p>Book: chapter 6, "Serving" (the three stages).
 */
public final class RecommendationService {
  private final RecommendationModels models;
  private final ServingParams params;
  private final ServingPipeline<RecoRequest> pipeline;
  private final ServingPipeline<RecoRequest> candidatePipeline;

  /**
   * @param models the trained models; without a ranker only {@link #candidates} works
   * @param params query-time settings
   */
  public RecommendationService(RecommendationModels models, ServingParams params) {
    this.models = models;
    this.params = params;
    this.candidatePipeline =
        declare(ServingPipeline.<RecoRequest>builder("recommendation-candidates"))
            .ranker((q, c) -> {})
            .build();
    this.pipeline =
        models.ranker() == null
            ? null
            : declare(ServingPipeline.<RecoRequest>builder("recommendation"))
                .ranker(new DnnRanker(models.ranker()))
                .reRanker(
                    new FreshnessBoost(
                        models.catalog(), params.freshnessWeight(), params.freshnessHorizonYears()))
                .reRanker(new FranchiseCapReRanker(models.franchise(), params.franchiseCap()))
                .reRanker(
                    new MmrDiversityReRanker(
                        models.catalog(), params.mmrLambda(), params.mmrWindow()))
                .build();
  }

  /** Candidate generation, the filter and feature hydration, declared in run order. */
  private ServingPipeline.Builder<RecoRequest> declare(ServingPipeline.Builder<RecoRequest> b) {
    SearchParams ann = new SearchParams(params.ef());
    return b.candidateGenerator(new TwoTowerCandidateGenerator(params.towerCandidates(), ann))
        .candidateGenerator(new WalsCandidateGenerator(params.walsCandidates(), ann))
        .candidateGenerator(new ItemKnnCandidateGenerator(params.knnCandidates()))
        .candidateGenerator(
            new PopularCandidateGenerator(
                models.popularity(), models.catalog().size(), params.popularCandidates()))
        .candidateGenerator(new TrendingCandidateGenerator(params.trendingCandidates()))
        .candidateGenerator(new GenreCandidateGenerator(params.genreCandidates()))
        .filter(new AlreadyWatchedFilter())
        .featureHydrator(new RankingFeatureHydrator(models))
        .maxCandidates(params.maxCandidates());
  }

  /** The models. */
  public RecommendationModels models() {
    return models;
  }

  /** The settings. */
  public ServingParams params() {
    return params;
  }

  /** The full pipeline (null without a ranker). */
  public ServingPipeline<RecoRequest> pipeline() {
    return pipeline;
  }

  /** Candidates one request can hold. */
  public int maxCandidates() {
    return params.maxCandidates();
  }

  /** The largest per-generator count. */
  int maxPerGenerator() {
    return params.maxPerGenerator();
  }

  /** A request with its own buffers, for one thread. */
  public RecoRequest newRequest() {
    return new RecoRequest(this);
  }

  /**
   * Computes the request-time features from {@code q.user}: marks the history as watched, the two
   * user embeddings (two-tower user tower; WALS fold-in), trending counts at the request's time,
   * item-kNN and genre scores over the catalogue, user aggregates.
   *
   * @throws IllegalArgumentException on an unknown item in the history
   */
  public void prepare(RecoRequest q) {
    prepare(q, null);
  }

  /**
   * As {@link #prepare(RecoRequest)}, but a known user's embeddings and aggregates are read from
   * the feature store when it holds them (batch features) instead of being computed (online).
   *
   * @param q the request
   * @param userState the materialised user state, or null to compute everything online
   */
  public void prepare(RecoRequest q, UserStateFeatures userState) {
    markHistory(q);
    UserRequest u = q.user;
    if (userState == null || u.user < 0 || !userState.read(q, u.user)) {
      computeUserState(q);
    }
    models.trending().scoreAll(u, q.trending);
    models.itemKnn().scoreAll(u, q.knn);
    q.genreModel.scoreAll(u, q.genre);
  }

  private void markHistory(RecoRequest q) {
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
    // the last component stays 0 (see RecommendationSystem.index: MIPS augmentation)
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

  /**
   * Serves one request: prepare, then the full pipeline.
   *
   * @param q the request, {@code q.user} filled
   * @param k how many results, at least 1
   * @param out receives up to k item indices, best first
   * @return how many were written
   */
  public int recommend(RecoRequest q, int k, int[] out) {
    return recommend(q, k, out, null);
  }

  /**
   * Serves one request, reading a known user's state from the feature store when it has it.
   *
   * @param q the request, {@code q.user} filled
   * @param k how many results, at least 1
   * @param out receives up to k item indices, best first
   * @param userState the materialised user state, or null
   * @return how many were written
   */
  public int recommend(RecoRequest q, int k, int[] out, UserStateFeatures userState) {
    if (pipeline == null) {
      throw new IllegalStateException("no ranker: this service only generates candidates");
    }
    prepare(q, userState);
    Candidates c = pipeline.run(q, k);
    int n = Math.min(k, c.size());
    for (int p = 0; p < n; p++) {
      out[p] = c.id(p);
    }
    return n;
  }

  /**
   * Candidate generation, filtering and feature hydration only (no scoring), for training the
   * ranker and for measuring the merged candidate set's recall.
   *
   * @param q the request, prepared
   * @param s a scratch of the candidate pipeline ({@link #newCandidateScratch()})
   * @return the hydrated candidates (positions in id order)
   */
  public Candidates candidates(RecoRequest q, RequestScratch s) {
    candidatePipeline.run(q, params.maxCandidates(), s);
    return s.candidates();
  }

  /** A scratch for {@link #candidates}. */
  public RequestScratch newCandidateScratch() {
    return candidatePipeline.newScratch();
  }
}
