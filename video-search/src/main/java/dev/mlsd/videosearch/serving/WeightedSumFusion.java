package dev.mlsd.videosearch.serving;

/**
 * The book's fusion: a weighted sum of the two normalised scores,
 *
 * <pre>
 *   fused = w * norm(bm25) + (1 - w) * norm(cosine),   norm(s) = (s - min) / (max - min)
 * </pre>
 *
 * where min and max are over the scores that component returned for this request ({@link
 * ScoreRanges}); a candidate a component did not return gets 0 from it. Min-max normalisation puts
 * BM25 (unbounded, query-dependent) and cosine similarity on one scale. The weight {@code w} is
 * tuned on validation queries ({@code evaluation.FusionWeightTuning}).
 *
 * @param textWeight w, in [0, 1]
 *     <p>Book: chapter 4, "Serving", fusion layer (weighted sum).
 */
public record WeightedSumFusion(double textWeight) implements Fusion {
  /** Validates. */
  public WeightedSumFusion {
    if (!(textWeight >= 0 && textWeight <= 1)) {
      throw new IllegalArgumentException("text weight must be in [0, 1], got " + textWeight);
    }
  }

  @Override
  public float fuse(
      float textScore, int textRank, float learnedScore, int learnedRank, ScoreRanges r) {
    float t = ScoreRanges.normalise(textScore, r.textMin, r.textMax);
    float l = ScoreRanges.normalise(learnedScore, r.learnedMin, r.learnedMax);
    return (float) (textWeight * t + (1 - textWeight) * l);
  }

  @Override
  public String name() {
    return String.format(java.util.Locale.ROOT, "weighted sum (w=%.2f)", textWeight);
  }
}
