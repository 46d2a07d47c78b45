package dev.mlsd.adctr.serving;

import dev.mlsd.adctr.features.FeaturePipeline;
import dev.mlsd.core.inference.Scratch;
import dev.mlsd.core.serving.Candidates;
import dev.mlsd.core.serving.ModelHolder;
import dev.mlsd.core.serving.Ranker;

/**
 * The ranking service: builds every candidate's feature ids through the same {@link
 * FeaturePipeline} training used (request-side ids once per request, the ad's precomputed ad-side
 * ids, the batch features the hydrator read from the feature store), scores all candidates in one
 * batch through the exported model ({@link dev.mlsd.core.inference.InferenceGraph}), and writes
 * calibrated click probabilities as the scores.
 *
 * <p>Expects the feature store's four columns ({@link AdFeatures#SCHEMA}) at columns {@code [0, 4)}
 * of each candidate's feature row.
 *
 * <p>Allocation: none per request after a thread's first; per-thread scratch (id matrix, outputs,
 * the inference scratch) lives in a {@link ThreadLocal}, sized for the pipeline's capacity.
 *
 * <p>Book: chapter 8, "Serving: ranking service".
 *
 * <p>Thread safety: one instance serves every thread; the served model is read once per request.
 */
public final class AdRanker implements Ranker<AdRequest> {
  private final FeaturePipeline pipeline;
  private final AdCatalogue catalogue;
  private final ModelHolder<ServedModel> model;
  private final int capacity;
  private final ThreadLocal<State> state;

  private static final class State {
    final int[] request;
    final int[] ids;
    final float[] out;
    Scratch scratch;
    ServedModel scratchOwner;

    State(int fields, int capacity) {
      request = new int[fields];
      ids = new int[fields * capacity];
      out = new float[capacity];
    }
  }

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
    this.model = model;
    this.capacity = capacity;
    this.state = ThreadLocal.withInitial(() -> new State(pipeline.fieldCount(), capacity));
  }

  @Override
  public void rank(AdRequest query, Candidates candidates) {
    ModelHolder.Served<ServedModel> served = model.served();
    candidates.scoredBy(served);
    ServedModel m = served.model();
    State s = state.get();
    if (s.scratchOwner != m) {
      s.scratch = m.graph().newScratch(capacity);
      s.scratchOwner = m;
    }
    int f = pipeline.fieldCount();
    int n = candidates.size();
    pipeline.encodeRequest(query.numeric(), query.categorical(), s.request);
    float[] feats = candidates.features();
    int dim = candidates.featureDim();
    for (int pos = 0; pos < n; pos++) {
      int base = pos * f;
      System.arraycopy(s.request, 0, s.ids, base, f);
      pipeline.copyAd(catalogue.encodedAd(candidates.id(pos)), s.ids, base);
      pipeline.encodeBatch(feats, candidates.featureOffset(pos), s.ids, base);
    }
    if (dim < FeaturePipeline.BATCH_FIELDS) {
      throw new IllegalStateException("the pipeline hydrates " + dim + " columns, need 4");
    }
    m.graph().score(null, s.ids, n, s.out, s.scratch);
    for (int pos = 0; pos < n; pos++) {
      candidates.setScore(pos, m.calibrator().apply(s.out[pos]));
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
