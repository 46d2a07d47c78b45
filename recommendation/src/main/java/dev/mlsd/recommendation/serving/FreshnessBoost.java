package dev.mlsd.recommendation.serving;

import dev.mlsd.core.serving.Candidates;
import dev.mlsd.core.serving.ReRanker;
import dev.mlsd.recommendation.data.Catalog;

/**
 * Freshness: adds {@code weight * freshness} to each candidate's score, where freshness is 1 for a
 * video released in the request's year and falls linearly to 0 at {@code horizonYears} before it
 * (unknown years get 0), then restores the score order (stable insertion sort: the list arrives
 * sorted and moves little).
 *
 * <p>Thread safety: immutable.
 *
 * <p>Book: chapter 6, "Re-ranking" (freshness) and "Challenges" (new videos).
 */
public final class FreshnessBoost implements ReRanker<RecoRequest> {
  private final Catalog catalog;
  private final float weight;
  private final int horizonYears;

  /**
   * @param catalog the videos (release years)
   * @param weight the boost of a brand-new video, in score units, at least 0
   * @param horizonYears how many years the boost takes to fade, at least 1
   */
  public FreshnessBoost(Catalog catalog, float weight, int horizonYears) {
    if (!(weight >= 0) || horizonYears < 1) {
      throw new IllegalArgumentException("weight must be >= 0 and horizonYears >= 1");
    }
    this.catalog = catalog;
    this.weight = weight;
    this.horizonYears = horizonYears;
  }

  /** The boost of one video for a request made in {@code requestYear}. */
  public float boost(int item, int requestYear) {
    int y = catalog.year(item);
    if (y == Catalog.UNKNOWN_YEAR) {
      return 0f;
    }
    float age = Math.max(0, requestYear - y);
    return weight * Math.max(0f, 1f - age / horizonYears);
  }

  @Override
  public void reRank(RecoRequest q, Candidates c, int k) {
    reRank(c, q.user.nowSeconds);
  }

  /**
   * The rule itself, for a request made at {@code nowSeconds}.
   *
   * @param c the ranked candidates
   * @param nowSeconds the request's time, seconds since the epoch
   */
  public void reRank(Candidates c, long nowSeconds) {
    if (weight == 0) {
      return;
    }
    int year = yearOf(nowSeconds);
    int n = c.size();
    for (int pos = 0; pos < n; pos++) {
      c.setScore(pos, c.score(pos) + boost(c.id(pos), year));
    }
    for (int i = 1; i < n; i++) {
      float s = c.score(i);
      int id = c.id(i);
      int j = i;
      while (j > 0 && (c.score(j - 1) < s || (c.score(j - 1) == s && c.id(j - 1) > id))) {
        j--;
      }
      if (j != i) {
        c.moveTo(i, j);
      }
    }
  }

  /**
   * The UTC calendar year of a timestamp in seconds, without allocating (Howard Hinnant's
   * days-to-civil algorithm; tested against {@code java.time}).
   */
  static int yearOf(long seconds) {
    long z = Math.floorDiv(seconds, 86400L) + 719468;
    long era = Math.floorDiv(z, 146097);
    long doe = z - era * 146097;
    long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    long mp = (5 * doy + 2) / 153;
    long month = mp < 10 ? mp + 3 : mp - 9;
    return (int) (yoe + era * 400 + (month <= 2 ? 1 : 0));
  }
}
