package dev.mlsd.core.toy;

import dev.mlsd.core.serving.Candidates;
import dev.mlsd.core.serving.ReRanker;

/**
 * Diversity: at most {@code maxPerCategory} items of one category ({@code id % CATEGORIES}) in the
 * top k. Walks the ranked list once, moving each admissible item up to the next free slot, so the
 * rest keeps its ranked order below.
 *
 * <p>Thread safety: per-thread counts in a {@link ThreadLocal}; safe from many threads.
 */
public final class CategoryDiversityReRanker implements ReRanker<ToyRequest> {
  private final int maxPerCategory;
  private final ThreadLocal<int[]> counts =
      ThreadLocal.withInitial(() -> new int[ToyCatalog.CATEGORIES]);

  /**
   * @param maxPerCategory at least 1
   */
  public CategoryDiversityReRanker(int maxPerCategory) {
    if (maxPerCategory < 1) {
      throw new IllegalArgumentException("maxPerCategory must be >= 1, got " + maxPerCategory);
    }
    this.maxPerCategory = maxPerCategory;
  }

  @Override
  public void reRank(ToyRequest q, Candidates ranked, int k) {
    int[] n = counts.get();
    java.util.Arrays.fill(n, 0);
    int placed = 0;
    for (int pos = 0; pos < ranked.size() && placed < k; pos++) {
      int cat = ranked.id(pos) % ToyCatalog.CATEGORIES;
      if (n[cat] < maxPerCategory) {
        n[cat]++;
        if (pos != placed) {
          ranked.moveTo(pos, placed);
        }
        placed++;
      }
    }
  }
}
