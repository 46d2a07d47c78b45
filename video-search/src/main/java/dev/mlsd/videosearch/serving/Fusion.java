package dev.mlsd.videosearch.serving;

/**
 * The fusion layer: combines the text search's and the learned search's opinion of one candidate
 * into one relevance score (higher is better). A candidate one component did not return has a NaN
 * score and rank 0 from it.
 *
 * <p>Thread safety: implementations are immutable.
 *
 * <p>Book: chapter 4, "Serving", the fusion layer (weighted sum of scores, or a learned model).
 */
public interface Fusion {
  /**
   * Fuses one candidate.
   *
   * @param textScore the BM25 score, NaN when the text search did not return it
   * @param textRank its 1-based rank in the text search, 0 when not returned
   * @param learnedScore the cosine similarity, NaN when the learned search did not return it
   * @param learnedRank its 1-based rank in the learned search, 0 when not returned
   * @param ranges this request's score ranges
   * @return the fused score
   */
  float fuse(
      float textScore, int textRank, float learnedScore, int learnedRank, ScoreRanges ranges);

  /** A short name for tables. */
  String name();
}
