package dev.mlsd.recommendation.serving;

import dev.mlsd.core.serving.Candidates;
import dev.mlsd.core.serving.ReRanker;

/**
 * At most {@code cap} videos of one series or franchise in the list (a feed of six Star Wars films
 * is a poor homepage): walking the ranked list, a candidate whose franchise already has {@code cap}
 * kept videos ranked above it is removed. Only the first {@code k} kept positions are checked; the
 * tail is left as is. Franchises come from {@link
 * dev.mlsd.recommendation.data.TitleParser#franchiseKey}.
 *
 * <p>Thread safety: immutable; allocates nothing (O(k^2) comparisons).
 *
 * <p>Book: chapter 6, "Re-ranking" (de-duplication).
 */
public final class FranchiseCapReRanker implements ReRanker<RecoRequest> {
  private final int[] franchise;
  private final int cap;

  /**
   * @param franchise franchise id per item
   * @param cap videos allowed per franchise, at least 1
   */
  public FranchiseCapReRanker(int[] franchise, int cap) {
    if (cap < 1) {
      throw new IllegalArgumentException("cap must be >= 1, got " + cap);
    }
    this.franchise = franchise;
    this.cap = cap;
  }

  @Override
  public void reRank(RecoRequest q, Candidates c, int k) {
    int pos = 0;
    while (pos < c.size() && pos < k) {
      int f = franchise[c.id(pos)];
      int same = 0;
      for (int j = 0; j < pos; j++) {
        if (franchise[c.id(j)] == f) {
          same++;
        }
      }
      if (same >= cap) {
        c.remove(pos);
      } else {
        pos++;
      }
    }
  }
}
