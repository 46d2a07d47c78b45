package dev.mlsd.videosearch.serving;

/**
 * One request's score range per component (the lowest and highest score each search returned),
 * which {@link WeightedSumFusion} normalises by. Filled once per request, before fusing.
 *
 * <p>Thread safety: none; per request, per thread.
 */
public final class ScoreRanges {
  float textMin;
  float textMax;
  float learnedMin;
  float learnedMax;

  /** Empties both ranges. */
  public void reset() {
    textMin = Float.POSITIVE_INFINITY;
    textMax = Float.NEGATIVE_INFINITY;
    learnedMin = Float.POSITIVE_INFINITY;
    learnedMax = Float.NEGATIVE_INFINITY;
  }

  /** Widens the text range to include a returned BM25 score. */
  public void text(float score) {
    textMin = Math.min(textMin, score);
    textMax = Math.max(textMax, score);
  }

  /** Widens the learned range to include a returned similarity. */
  public void learned(float score) {
    learnedMin = Math.min(learnedMin, score);
    learnedMax = Math.max(learnedMax, score);
  }

  /**
   * Min-max normalisation into [0, 1]; 1 when every returned score is equal; 0 for a candidate the
   * component did not return (NaN), i.e. no better than its lowest returned score.
   */
  static float normalise(float score, float min, float max) {
    if (Float.isNaN(score)) {
      return 0f;
    }
    float span = max - min;
    return span > 0 ? (score - min) / span : 1f;
  }
}
