package dev.mlsd.adctr.serving;

import dev.mlsd.core.serving.Candidates;
import dev.mlsd.core.serving.ReRanker;

/**
 * Advertiser diversity: at most {@code maxPerAdvertiser} ads of one advertiser in the top k. Walks
 * the ranked list and removes each ad whose advertiser already has its quota above it, so the next
 * best ad of another advertiser moves up; the order is otherwise kept.
 *
 * <p>Book: chapter 8, "Serving: re-ranking" (advertiser diversity).
 *
 * <p>Thread safety: per-thread counters in a {@link ThreadLocal}; one instance serves all threads.
 */
public final class AdvertiserDiversityReRanker implements ReRanker<AdRequest> {
  private final AdCatalogue catalogue;
  private final int maxPerAdvertiser;
  private final ThreadLocal<int[]> counts;

  /**
   * @param maxPerAdvertiser the quota, at least 1
   */
  public AdvertiserDiversityReRanker(AdCatalogue catalogue, int maxPerAdvertiser) {
    if (maxPerAdvertiser < 1) {
      throw new IllegalArgumentException("maxPerAdvertiser must be >= 1, got " + maxPerAdvertiser);
    }
    this.catalogue = catalogue;
    this.maxPerAdvertiser = maxPerAdvertiser;
    this.counts = ThreadLocal.withInitial(() -> new int[catalogue.advertisers()]);
  }

  @Override
  public void reRank(AdRequest query, Candidates ranked, int k) {
    int[] c = counts.get();
    int pos = 0;
    while (pos < ranked.size() && pos < k) {
      int a = catalogue.advertiser(ranked.id(pos));
      if (c[a] >= maxPerAdvertiser) {
        ranked.remove(pos);
      } else {
        c[a]++;
        pos++;
      }
    }
    // reset only the counters this request touched
    for (int p = 0; p < pos; p++) {
      c[catalogue.advertiser(ranked.id(p))] = 0;
    }
  }
}
