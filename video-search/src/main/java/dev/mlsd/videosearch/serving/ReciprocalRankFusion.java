package dev.mlsd.videosearch.serving;

/**
 * Reciprocal-rank fusion (Cormack, Clarke and Büttcher, SIGIR 2009), the comparison beside the
 * book's weighted sum: it ignores the scores and adds {@code 1 / (k + rank)} for each component
 * that returned the candidate,
 *
 * <pre>
 *   fused = 1 / (k + rank_text) + 1 / (k + rank_learned)     (a missing rank adds 0)
 * </pre>
 *
 * with the paper's {@code k = 60}. Nothing to tune, and no assumption about score scales.
 *
 * @param k the rank offset, at least 1
 *     <p>Book: chapter 4, "Serving", fusion layer.
 */
public record ReciprocalRankFusion(int k) implements Fusion {
  /** The paper's constant. */
  public static final int DEFAULT_K = 60;

  /** Validates. */
  public ReciprocalRankFusion {
    if (k < 1) {
      throw new IllegalArgumentException("k must be >= 1, got " + k);
    }
  }

  @Override
  public float fuse(
      float textScore, int textRank, float learnedScore, int learnedRank, ScoreRanges r) {
    float s = 0f;
    if (textRank > 0) {
      s += 1f / (k + textRank);
    }
    if (learnedRank > 0) {
      s += 1f / (k + learnedRank);
    }
    return s;
  }

  @Override
  public String name() {
    return "reciprocal rank (k=" + k + ")";
  }
}
