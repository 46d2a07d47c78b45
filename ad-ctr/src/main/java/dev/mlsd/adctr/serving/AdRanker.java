package dev.mlsd.adctr.serving;

import dev.mlsd.adctr.features.FeaturePipeline;
import dev.mlsd.core.serving.Candidates;
import dev.mlsd.core.serving.ModelHolder;
import dev.mlsd.core.serving.Ranker;
import dev.mlsd.core.serving.ranking.GraphInputs;
import dev.mlsd.core.serving.ranking.GraphRanker;

/**
 * The ranking service: builds every candidate's feature ids through the same {@link
 * FeaturePipeline} training used (request-side ids once per request, the ad's precomputed ad-side
 * ids, the batch features the hydrator read from the feature store), and scores all candidates in
 * one batch through core's {@link GraphRanker} over the exported model ({@link
 * dev.mlsd.core.inference.InferenceGraph}); the scores are calibrated click probabilities ({@link
 * ServedModel#calibrate}).
 *
 * <p>Expects the feature store's four columns ({@link AdFeatures#SCHEMA}) at columns {@code [0, 4)}
 * of each candidate's feature row.
 *
 * <p>Allocation: none per request after a thread's first; the request-side ids live in this class's
 * {@link ThreadLocal}, the id matrix, outputs and inference scratch in the {@link GraphRanker}'s
 * (rebuilt when a swapped-in model is first seen).
 *
 * <p>Book: chapter 8, "Serving: ranking service".
 *
 * <p>Thread safety: one instance serves every thread; the served model is read once per request.
 */
public final class AdRanker implements Ranker<AdRequest>, GraphInputs<AdRequest> {
  private final FeaturePipeline pipeline;
  private final AdCatalogue catalogue;
  private final GraphRanker<AdRequest> graph;
  private final ThreadLocal<int[]> requestIds;

  /**
   * @param capacity the most candidates one request holds (the pipeline's maxCandidates)
   */
  public AdRanker(
      FeaturePipeline pipeline,
      AdCatalogue catalogue,
      ModelHolder<ServedModel> model,
      int capacity) {
    this.pipeline = pipeline;
    this.catalogue = catalogue;
    this.graph = GraphRanker.withInputs(model, capacity, this);
    this.requestIds = ThreadLocal.withInitial(() -> new int[pipeline.fieldCount()]);
  }

  @Override
  public void rank(AdRequest query, Candidates candidates) {
    if (candidates.featureDim() < FeaturePipeline.BATCH_FIELDS) {
      throw new IllegalStateException(
          "the pipeline hydrates " + candidates.featureDim() + " columns, need 4");
    }
    graph.rank(query, candidates);
  }

  @Override
  public void write(AdRequest query, Candidates candidates, float[] floats, int[] ids) {
    int f = pipeline.fieldCount();
    int[] request = requestIds.get();
    pipeline.encodeRequest(query.numeric(), query.categorical(), request);
    float[] feats = candidates.features();
    for (int pos = 0, n = candidates.size(); pos < n; pos++) {
      int base = pos * f;
      System.arraycopy(request, 0, ids, base, f);
      pipeline.copyAd(catalogue.encodedAd(candidates.id(pos)), ids, base);
      pipeline.encodeBatch(feats, candidates.featureOffset(pos), ids, base);
    }
  }

  /**
   * The ids the ranker builds for one ad and request, for the training/serving skew test.
   *
   * @param batch the ad's four batch features, as the store returns them
   * @param out receives {@code fieldCount()} ids
   */
  public void encode(AdRequest query, int ad, float[] batch, int[] out) {
    pipeline.encodeRequest(query.numeric(), query.categorical(), out);
    pipeline.copyAd(catalogue.encodedAd(ad), out, 0);
    pipeline.encodeBatch(batch, 0, out, 0);
  }
}
