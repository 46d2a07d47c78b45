package dev.mlsd.videosearch;

import dev.mlsd.core.ann.HnswBuildParams;
import dev.mlsd.videosearch.model.TwoTowerSearchModel;

/**
 * Everything that shapes one run of the video-search system, in one typed record (build-time and
 * query-time parameters side by side, each documented where it is used).
 *
 * @param seed seeds the split, the model, the random floor and the bootstrap
 * @param videos how many videos of the catalogue to use, a seeded sample; 0 for all of them
 * @param validationFraction share of videos whose queries tune the fusion weight and early stopping
 * @param testFraction share of videos whose queries are reported
 * @param stem whether the served text search stems (Porter); both are measured
 * @param depth how many videos each search returns per query (the candidates of the fusion)
 * @param model the two-tower model's hyper-parameters
 * @param hnsw the ANN index's build parameters
 * @param ef the ANN beam width at query time (at least {@code depth})
 * @param weightSteps the fusion weight is tried at {@code 0, 1/steps, ..., 1}
 * @param duplicateCosine the near-duplicate rule's threshold
 * @param uploaderCap the most videos per uploader in the top k
 * @param bootstrapResamples bootstrap replicates for every interval
 */
public record VideoSearchParams(
    long seed,
    int videos,
    double validationFraction,
    double testFraction,
    boolean stem,
    int depth,
    TwoTowerSearchModel.Params model,
    HnswBuildParams hnsw,
    int ef,
    int weightSteps,
    float duplicateCosine,
    int uploaderCap,
    int bootstrapResamples) {

  /** Validates the values the record's users do not check themselves. */
  public VideoSearchParams {
    if (videos < 0 || depth < 1 || ef < depth || weightSteps < 1 || bootstrapResamples < 1) {
      throw new IllegalArgumentException(
          "need videos >= 0, depth >= 1, ef >= depth, steps and resamples >= 1");
    }
  }

  /** The demo's run: about three minutes of training on two cores. */
  public static VideoSearchParams defaults(long seed) {
    return new VideoSearchParams(
        seed,
        0,
        0.2,
        0.2,
        true,
        200,
        TwoTowerSearchModel.Params.defaults(seed),
        new HnswBuildParams(16, 100, seed),
        400,
        20,
        0.98f,
        2,
        1000);
  }

  /**
   * The whole catalogue with one epoch of training: what the latency benchmark and the load test
   * serve (a request's cost depends on the catalogue and the model's shapes, not on the epochs).
   */
  public static VideoSearchParams latency(long seed) {
    VideoSearchParams d = defaults(seed);
    return d.with(d.videos(), d.model().withEpochs(1), 5, 200);
  }

  /**
   * A smoke run in seconds that still goes through every step: a seeded sample of {@value
   * #QUICK_VIDEOS} videos, a small two-tower model (64 wide, 4,096 buckets) trained one epoch, a
   * coarse weight sweep and 200 bootstrap resamples. Its metrics are those of a small catalogue and
   * an under-trained model, not the chapter's results.
   */
  public static VideoSearchParams quick(long seed) {
    VideoSearchParams d = defaults(seed);
    TwoTowerSearchModel.Params m = d.model();
    TwoTowerSearchModel.Params small =
        new TwoTowerSearchModel.Params(
            1 << 12,
            m.bigrams(),
            m.queryIds(),
            m.videoIds(),
            64,
            m.temperature(),
            1,
            m.batchSize(),
            m.learningRate(),
            m.seed());
    return d.with(QUICK_VIDEOS, small, 5, 200);
  }

  /** The catalogue size of {@link #quick}. */
  public static final int QUICK_VIDEOS = 400;

  private VideoSearchParams with(
      int videos, TwoTowerSearchModel.Params model, int weightSteps, int bootstrapResamples) {
    return new VideoSearchParams(
        seed,
        videos,
        validationFraction,
        testFraction,
        stem,
        depth,
        model,
        hnsw,
        ef,
        weightSteps,
        duplicateCosine,
        uploaderCap,
        bootstrapResamples);
  }
}
