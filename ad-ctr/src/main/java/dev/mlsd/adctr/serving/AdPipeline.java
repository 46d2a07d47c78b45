package dev.mlsd.adctr.serving;

import dev.mlsd.adctr.features.FeaturePipeline;
import dev.mlsd.core.featurestore.FeatureStore;
import dev.mlsd.core.serving.Candidates;
import dev.mlsd.core.serving.ModelHolder;
import dev.mlsd.core.serving.ServingPipeline;
import dev.mlsd.core.serving.StoreFeatureHydrator;

/**
 * The prediction pipeline of chapter 8, declared in run order:
 *
 * <ol>
 *   <li>candidate generation: {@link TargetingCandidateGenerator};
 *   <li>filter: {@link BudgetFilter};
 *   <li>feature hydration: the ad's batch features from the {@link FeatureStore} ({@link
 *       AdFeatures#SCHEMA});
 *   <li>ranking: {@link AdRanker} (exported model, calibrated);
 *   <li>re-ranking: {@link AdvertiserDiversityReRanker}.
 * </ol>
 *
 * After a request, the returned ads are charged to their advertisers' budgets.
 *
 * <p>Thread safety: {@link #serve} may be called from many threads at once (see {@link
 * ServingPipeline}).
 */
public final class AdPipeline {
  private final ServingPipeline<AdRequest> pipeline;
  private final BudgetFilter budget;
  private final TargetingCandidateGenerator generator;
  private final AdRanker ranker;

  /**
   * @param maxCandidates candidates ranked per request at most
   * @param maxPerAdvertiser advertiser quota in the top k
   */
  public AdPipeline(
      FeaturePipeline features,
      AdCatalogue catalogue,
      FeatureStore store,
      ModelHolder<ServedModel> model,
      int maxCandidates,
      int maxPerAdvertiser) {
    this.generator = new TargetingCandidateGenerator(catalogue);
    this.budget = new BudgetFilter(catalogue);
    this.ranker = new AdRanker(features, catalogue, model, maxCandidates);
    this.pipeline =
        ServingPipeline.<AdRequest>builder("ad-ctr")
            .candidateGenerator(generator)
            .filter(budget)
            .featureHydrator(new StoreFeatureHydrator<>(store, AdFeatures.SCHEMA))
            .ranker(ranker)
            .reRanker(new AdvertiserDiversityReRanker(catalogue, maxPerAdvertiser))
            .maxCandidates(maxCandidates)
            .build();
  }

  /**
   * Serves one request on this thread's scratch and charges the returned ads.
   *
   * @return the top ads, best first, scores = calibrated P(click); valid until this thread's next
   *     request
   */
  public Candidates serve(AdRequest request) {
    Candidates top = pipeline.run(request, request.k());
    for (int pos = 0; pos < top.size(); pos++) {
      budget.charge(top.id(pos), top.score(pos));
    }
    return top;
  }

  /** The core pipeline (latency histograms per stage). */
  public ServingPipeline<AdRequest> pipeline() {
    return pipeline;
  }

  /** The budget ledger. */
  public BudgetFilter budget() {
    return budget;
  }

  /** The ranker (which model version scored this thread's last request). */
  public AdRanker ranker() {
    return ranker;
  }

  /** The candidate generator. */
  public TargetingCandidateGenerator generator() {
    return generator;
  }
}
