/**
 * Step 7, serving: the prediction pipeline the book draws, declared in run order in {@link
 * dev.mlsd.adctr.serving.AdPipeline} on core's {@link dev.mlsd.core.serving.ServingPipeline}:
 * {@link dev.mlsd.adctr.serving.TargetingCandidateGenerator} (ads whose targeting matches the
 * request) -&gt; {@link dev.mlsd.adctr.serving.BudgetFilter} (advertisers with budget left) -&gt;
 * feature hydration from the feature store ({@link dev.mlsd.adctr.serving.AdFeatures}, batch
 * historical CTRs) -&gt; {@link dev.mlsd.adctr.serving.AdRanker} (the exported model through core
 * inference, then calibration) -&gt; {@link dev.mlsd.adctr.serving.AdvertiserDiversityReRanker}.
 * The ads and the request contexts are real impressions; the campaigns' targeting, bids and budgets
 * are generated ({@link dev.mlsd.adctr.serving.AdCatalogue}).
 *
 * <p>Book: chapter 8, "Serving".
 */
package dev.mlsd.adctr.serving;
