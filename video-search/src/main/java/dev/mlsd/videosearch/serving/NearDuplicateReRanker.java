package dev.mlsd.videosearch.serving;

import dev.mlsd.core.serving.Candidates;
import dev.mlsd.core.serving.ReRanker;

/**
 * Business rule: near-duplicates collapse into their best-ranked copy. Walking the ranked list, a
 * video whose embedding's cosine similarity with an already kept video is at least {@code
 * threshold} is removed (re-uploads and copies of one clip). Stops once {@code k} are kept, so it
 * costs at most {@code k x n} dot products.
 *
 * <p>Thread safety: thread-safe (stateless beyond the catalogue).
 *
 * <p>Book: chapter 4, "Re-ranking service"; chapter 2 (duplicates in results).
 */
public final class NearDuplicateReRanker implements ReRanker<SearchRequest> {
  private final VideoCatalogue catalogue;
  private final float threshold;

  /**
   * @param catalogue the embeddings
   * @param threshold cosine similarity at or above which two videos are duplicates, in (0, 1]
   */
  public NearDuplicateReRanker(VideoCatalogue catalogue, float threshold) {
    if (!(threshold > 0 && threshold <= 1)) {
      throw new IllegalArgumentException("threshold must be in (0, 1], got " + threshold);
    }
    this.catalogue = catalogue;
    this.threshold = threshold;
  }

  @Override
  public void reRank(SearchRequest query, Candidates ranked, int k) {
    int kept = 0;
    int p = 0;
    while (p < ranked.size() && kept < k) {
      int id = ranked.id(p);
      boolean duplicate = false;
      for (int q = 0; q < p && !duplicate; q++) {
        duplicate = catalogue.cosine(id, ranked.id(q)) >= threshold;
      }
      if (duplicate) {
        ranked.remove(p);
      } else {
        kept++;
        p++;
      }
    }
  }
}
