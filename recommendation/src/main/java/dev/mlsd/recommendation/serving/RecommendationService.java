package dev.mlsd.recommendation.serving;

import dev.mlsd.core.ann.SearchParams;
import dev.mlsd.core.io.ModelCard;
import dev.mlsd.core.serving.Candidates;
import dev.mlsd.core.serving.ModelHolder;
import dev.mlsd.core.serving.RequestScratch;
import dev.mlsd.core.serving.ServingPipeline;
import dev.mlsd.core.serving.ranking.GraphRanker;
import dev.mlsd.core.serving.ranking.ScoringGraph;
import dev.mlsd.core.serving.retrieval.AnnCandidateGenerator;
import java.util.Map;

/**
 * The served recommender: the declared pipeline — query hydration (the user's embeddings and online
 * features, {@link UserQueryHydrator}), candidate generation (eight generators, merged and
 * de-duplicated), the already-watched filter, feature hydration, DNN scoring (hot-swappable, see
 * {@link #ranker()}), and re-ranking (freshness, franchise cap, MMR diversity).
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
  private final ServingPipeline<RecoRequest> fallback;
  private final UserQueryHydrator queryHydrator;
  private final ModelHolder<ScoringGraph> ranker;

  /**
   * @param models the trained models; without a ranker only {@link #candidates} works
   * @param params query-time settings
   */
  public RecommendationService(RecommendationModels models, ServingParams params) {
    this.models = models;
    this.params = params;
    this.queryHydrator = new UserQueryHydrator(models);
    this.ranker =
        models.ranker() == null
            ? null
            : new ModelHolder<>(ScoringGraph.uncalibrated(models.ranker()), trainedInProcess());
    this.candidatePipeline =
        declare(ServingPipeline.<RecoRequest>builder("recommendation-candidates"))
            .ranker((q, c) -> {})
            .build();
    this.pipeline =
        models.ranker() == null
            ? null
            : declare(
                    ServingPipeline.<RecoRequest>builder("recommendation")
                        .queryHydrator(queryHydrator))
                .ranker(GraphRanker.onFeatures(ranker, params.maxCandidates()))
                .reRanker(
                    new FreshnessBoost(
                        models.catalog(), params.freshnessWeight(), params.freshnessHorizonYears()))
                .reRanker(new FranchiseCapReRanker(models.franchise(), params.franchiseCap()))
                .reRanker(
                    new MmrDiversityReRanker(
                        models.catalog(), params.mmrLambda(), params.mmrWindow()))
                .build();
    // cold start: for a new user with a few watches the popular list beats the ranked one (off by
    // default: see ServingParams.defaults); the watched marks are all it needs
    this.fallback =
        ServingPipeline.<RecoRequest>builder("recommendation-cold-start")
            .queryHydrator(queryHydrator::markHistory)
            .candidateGenerator(
                new PopularCandidateGenerator(
                    models.popularity(), models.catalog().size(), params.popularCandidates()))
            .filter(new AlreadyWatchedFilter())
            // ranked by the generator's own score: popularity
            .ranker(
                (q, c) -> {
                  for (int p = 0; p < c.size(); p++) {
                    c.setScore(p, c.retrievalScore(p));
                  }
                })
            .maxCandidates(params.popularCandidates())
            .build();
  }

  /** Candidate generation, the filter and feature hydration, declared in run order. */
  private ServingPipeline.Builder<RecoRequest> declare(ServingPipeline.Builder<RecoRequest> b) {
    SearchParams ann = new SearchParams(params.ef());
    // two-tower and WALS retrieval: the user's embedding searched in the HNSW index of the videos'
    // (MIPS-augmented, inner product), watched videos filtered inside the search
    return b.candidateGenerator(
            new AnnCandidateGenerator<>(
                models.towerIndex(), params.towerCandidates(), ann, RecoRequest.TOWER_QUERY))
        .candidateGenerator(
            new AnnCandidateGenerator<>(
                models.walsIndex(), params.walsCandidates(), ann, RecoRequest.WALS_QUERY))
        .candidateGenerator(new ItemKnnCandidateGenerator(params.knnCandidates()))
        .candidateGenerator(
            new PopularCandidateGenerator(
                models.popularity(), models.catalog().size(), params.popularCandidates()))
        .candidateGenerator(new TrendingCandidateGenerator(params.trendingCandidates()))
        .candidateGenerator(new GenreCandidateGenerator(params.genreCandidates()))
        .candidateGenerator(new EaseCandidateGenerator(params.easeCandidates(), false))
        .candidateGenerator(new EaseCandidateGenerator(params.easeRecentCandidates(), true))
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

  /**
   * The cold-start fallback: the popular videos the user has not watched, best first, for requests
   * with at most {@link ServingParams#fallbackHistory()} history rows.
   */
  public ServingPipeline<RecoRequest> fallback() {
    return fallback;
  }

  /** The full pipeline (null without a ranker). */
  public ServingPipeline<RecoRequest> pipeline() {
    return pipeline;
  }

  /**
   * The served ranking model (null without a ranker): swap it ({@link ModelHolder#swap}) and the
   * next request on every thread scores with the new one.
   */
  public ModelHolder<ScoringGraph> ranker() {
    return ranker;
  }

  /** Candidates one request can hold. */
  public int maxCandidates() {
    return params.maxCandidates();
  }

  /** The largest per-generator count. */
  int maxPerGenerator() {
    return params.maxPerGenerator();
  }

  private static ModelCard trainedInProcess() {
    return new ModelCard(
        "dnn-ranker",
        "in-process",
        "movielens",
        "",
        "time-ordered",
        0L,
        Map.of(),
        Map.of(),
        0L,
        ModelCard.currentCodeVersion());
  }

  /** A request with its own buffers, for one thread. */
  public RecoRequest newRequest() {
    return new RecoRequest(this);
  }

  /**
   * Computes the request-time features from {@code q.user} ({@link UserQueryHydrator}) outside a
   * pipeline run, for callers that use the candidate pipeline ({@link #candidates}).
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
    q.userState = userState;
    queryHydrator.hydrate(q);
  }

  /** The user part of the request-time features: both embeddings and the aggregates. */
  void computeUserState(RecoRequest q) {
    queryHydrator.computeUserState(q);
  }

  /**
   * Serves one request: the full pipeline, query hydration first.
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
    Candidates c = serve(q, k, userState);
    int n = Math.min(k, c.size());
    for (int p = 0; p < n; p++) {
      out[p] = c.id(p);
    }
    return n;
  }

  /**
   * Serves one request through the full pipeline (query hydration first), or through the cold-start
   * fallback when the history is at most {@link ServingParams#fallbackHistory()} rows.
   *
   * @param q the request, {@code q.user} filled
   * @param k how many results, at least 1
   * @param userState the materialised user state, or null to compute the user's features online
   * @return the top k, best first; this thread's scratch, valid until its next request
   * @throws IllegalArgumentException on an unknown item in the history
   */
  public Candidates serve(RecoRequest q, int k, UserStateFeatures userState) {
    if (pipeline == null) {
      throw new IllegalStateException("no ranker: this service only generates candidates");
    }
    q.userState = userState;
    if (q.user.length <= params.fallbackHistory()) {
      return fallback.run(q, k);
    }
    return pipeline.run(q, k);
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
