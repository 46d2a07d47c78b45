package dev.mlsd.visualsearch.serving;

/**
 * The re-ranking service: walks the nearest neighbours best first and keeps one only if it is not
 * private or removed, not a near-duplicate of the query (the user's own image), and not a
 * near-duplicate of a result already kept (cosine of the embeddings at or above {@code threshold}),
 * until {@code k} are kept.
 *
 * <p>Cost: at most {@code k} dot products per candidate; no allocation.
 *
 * <p>Thread safety: immutable.
 *
 * <p>Book: chapter 2, "Re-ranking service" (remove private and inappropriate images and
 * near-duplicates).
 *
 * @param threshold cosine at or above which two images count as duplicates, in (0, 1]
 */
public record NearDuplicateReRanker(float threshold) {
  public NearDuplicateReRanker {
    if (!(threshold > 0 && threshold <= 1)) {
      throw new IllegalArgumentException("threshold must be in (0, 1], got " + threshold);
    }
  }

  /**
   * Re-ranks in place.
   *
   * @param query the query's unit embedding
   * @param ids candidate ids, best first; the kept ones are moved to the front
   * @param scores their cosine to the query, moved alongside
   * @param n candidates
   * @param k results wanted
   * @param gallery embeddings and private flags
   * @return how many were kept (at most k)
   */
  public int reRank(float[] query, int[] ids, float[] scores, int n, int k, Gallery gallery) {
    float[] e = gallery.embeddings();
    int d = gallery.dimension();
    int kept = 0;
    for (int i = 0; i < n && kept < k; i++) {
      int id = ids[i];
      if (gallery.isPrivate(id) || scores[i] >= threshold) {
        continue;
      }
      boolean duplicate = false;
      for (int j = 0; j < kept && !duplicate; j++) {
        duplicate = dot(e, id * d, ids[j] * d, d) >= threshold;
      }
      if (!duplicate) {
        ids[kept] = id;
        scores[kept] = scores[i];
        kept++;
      }
    }
    return kept;
  }

  private static float dot(float[] e, int a, int b, int d) {
    float s = 0;
    for (int i = 0; i < d; i++) {
      s += e[a + i] * e[b + i];
    }
    return s;
  }
}
