package dev.mlsd.adctr;

import dev.mlsd.adctr.data.TimeSplit;
import dev.mlsd.adctr.features.FeaturePipeline;
import dev.mlsd.adctr.model.NeuralParams;

/**
 * Every setting of the ad click prediction system, in one typed record: what the demo, the HTTP
 * server, the load test, the JMH benchmark and the tests build {@link AdCtrSystem} from. Nothing is
 * tuned on the test split.
 *
 * @param dataset criteo-sample, avazu-sample or ipinyou-sample
 * @param seed the master seed: splits, sampling, training (neural models use seed, seed+1, ...),
 *     bootstrap, catalogue campaigns
 * @param split the time-ordered train/validation/test split
 * @param features hashing and bucketing of the feature pipeline
 * @param neural the neural models' hyper-parameters (DCN, DeepFM)
 * @param seeds seeds per neural model (their spread is reported)
 * @param negativeRate negatives kept for the extra down-sampled LR row, in (0, 1]
 * @param ctrWindow impressions in the historical-CTR batch features' recent window
 * @param ctrSmoothing pseudo-impressions at the global CTR in the historical-CTR features
 * @param catalogueAds ads in the serving catalogue (the history's most shown)
 * @param maxCandidates candidates ranked per request at most
 * @param perAdvertiser ads of one advertiser in the top k at most
 * @param rollingChunks time chunks of the rolling-origin evaluation (0 = skip it)
 * @param continualChunks chunks of the continual-learning replay
 * @param requests in-process requests timed in step 7
 */
public record AdCtrParams(
    String dataset,
    long seed,
    TimeSplit split,
    FeaturePipeline.Params features,
    NeuralParams neural,
    int seeds,
    double negativeRate,
    int ctrWindow,
    double ctrSmoothing,
    int catalogueAds,
    int maxCandidates,
    int perAdvertiser,
    int rollingChunks,
    int continualChunks,
    int requests) {

  /** The dataset every entry point uses unless told otherwise. */
  public static final String DEFAULT_DATASET = "criteo-sample";

  /** Checks ranges. */
  public AdCtrParams {
    if (!(negativeRate > 0 && negativeRate <= 1)) {
      throw new IllegalArgumentException(
          "the negative rate must be in (0, 1], got " + negativeRate);
    }
    if (seeds < 1 || requests < 1 || maxCandidates < 1 || perAdvertiser < 1 || catalogueAds < 1) {
      throw new IllegalArgumentException(
          "seeds, requests, candidates, per-advertiser quota and catalogue size must be >= 1");
    }
    if (rollingChunks == 1 || rollingChunks < 0 || continualChunks < 2) {
      throw new IllegalArgumentException("rolling chunks 0 or >= 2, continual chunks >= 2");
    }
  }

  /** The demo's settings (book chapter 8; the module README's figures). */
  public static AdCtrParams defaults(String dataset, long seed) {
    return new AdCtrParams(
        dataset,
        seed,
        TimeSplit.DEFAULT,
        FeaturePipeline.Params.DEFAULT,
        NeuralParams.DEFAULT,
        3,
        0.5,
        2000,
        20,
        5000,
        500,
        2,
        5,
        8,
        3000);
  }

  /**
   * A smoke run in seconds: one seed and one epoch per neural model, no rolling-origin re-training,
   * 300 timed requests. Same data, features and serving path; weaker models.
   */
  public AdCtrParams quick() {
    NeuralParams n = neural;
    return new AdCtrParams(
        dataset,
        seed,
        split,
        features,
        new NeuralParams(
            n.embeddingDim(),
            n.hidden(),
            n.crossLayers(),
            n.learningRate(),
            n.l2(),
            n.batchSize(),
            1),
        1,
        negativeRate,
        ctrWindow,
        ctrSmoothing,
        catalogueAds,
        maxCandidates,
        perAdvertiser,
        0,
        continualChunks,
        300);
  }

  /** A copy with other settings for the demo's flags. */
  public AdCtrParams with(int seeds, double negativeRate, int requests) {
    return new AdCtrParams(
        dataset,
        seed,
        split,
        features,
        neural,
        seeds,
        negativeRate,
        ctrWindow,
        ctrSmoothing,
        catalogueAds,
        maxCandidates,
        perAdvertiser,
        rollingChunks,
        continualChunks,
        requests);
  }

  /** The neural models' seeds: seed, seed + 1, ... */
  public long[] seedList() {
    long[] s = new long[seeds];
    for (int i = 0; i < seeds; i++) {
      s[i] = seed + i;
    }
    return s;
  }
}
