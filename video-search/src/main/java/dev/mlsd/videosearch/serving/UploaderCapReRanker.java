package dev.mlsd.videosearch.serving;

import dev.mlsd.core.serving.Candidates;
import dev.mlsd.core.serving.ReRanker;

/**
 * Business rule: at most {@code cap} videos of one uploader in the top {@code k}; the others move
 * below the first {@code k} (in their order), so one prolific uploader cannot fill a results page.
 * DiDeMo's uploader is the Flickr user id at the start of the video name.
 *
 * <p>Thread safety: thread-safe (per-thread counters, reset per request by undoing what was
 * touched).
 *
 * <p>Book: chapter 4, "Re-ranking service" (diversity rules).
 */
public final class UploaderCapReRanker implements ReRanker<SearchRequest> {
  private final VideoCatalogue catalogue;
  private final int cap;
  private final ThreadLocal<int[]> counts;

  /**
   * @param catalogue the uploaders
   * @param cap the most videos per uploader in the top k, at least 1
   */
  public UploaderCapReRanker(VideoCatalogue catalogue, int cap) {
    if (cap < 1) {
      throw new IllegalArgumentException("cap must be >= 1, got " + cap);
    }
    this.catalogue = catalogue;
    this.cap = cap;
    this.counts = ThreadLocal.withInitial(() -> new int[64]);
  }

  @Override
  public void reRank(SearchRequest query, Candidates ranked, int k) {
    int[] count = counts.get();
    int uploaders = catalogue.uploaderCount();
    if (count.length < uploaders) {
      count = new int[Math.max(uploaders, count.length * 2)];
      counts.set(count);
    }
    int n = ranked.size();
    int p = 0;
    int examined = 0;
    // positions [0, p) are accepted; a capped video moves to the end of the list
    while (p < Math.min(k, ranked.size()) && examined < n) {
      int u = catalogue.uploader(ranked.id(p));
      examined++;
      if (count[u] < cap) {
        count[u]++;
        p++;
      } else {
        ranked.moveTo(p, ranked.size() - 1);
      }
    }
    for (int q = 0; q < ranked.size(); q++) {
      count[catalogue.uploader(ranked.id(q))] = 0;
    }
  }
}
