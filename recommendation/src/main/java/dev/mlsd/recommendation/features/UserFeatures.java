package dev.mlsd.recommendation.features;

import dev.mlsd.recommendation.data.Catalog;
import dev.mlsd.recommendation.data.Relevance;

/**
 * The user features, computed at request time from the user's history and the request's time (so a
 * brand-new user with a short session history gets a vector too). Layout, in order:
 *
 * <ol>
 *   <li>the average embedding of watched videos ({@code k} slots), then of liked videos ({@code
 *       k}); the embedding table is the MF item factors (pre-trained ID embeddings);
 *   <li>genre affinity: the share of watched videos having each genre, then of liked ones;
 *   <li>activity: {@code log1p(watched)/8}, {@code log1p(liked)/8}, mean stars / 5, liked share,
 *       {@code log1p(days since the last watch)/8};
 *   <li>the mean release year of watched videos, scaled as {@code (year - 1990) / 30};
 *   <li>context from the request timestamp (UTC): hour of day in 6 four-hour buckets, one-hot; day
 *       of week, one-hot (7);
 *   <li>the recent watches: the embedding of the last {@link #RECENT} watched videos averaged with
 *       recency weights (the h-th newest counts {@code 0.5^(h / }{@link #RECENT_HALF_LIFE}{@code
 *       )}), {@code k} slots. The held-out period is the end of each user's time line, so what a
 *       user watched last says most about what comes next.
 * </ol>
 *
 * <p>Thread safety: immutable; {@link #encode} writes only into the caller's array and allocates
 * nothing, so one instance serves every thread.
 *
 * <p>Book: chapter 6, "Feature engineering", user features (demographics are absent from MovieLens;
 * contextual and historical features are here).
 */
public final class UserFeatures {
  /** Watches read by the recent-watches block. */
  public static final int RECENT = 10;

  /** Half-life, in watches, of the recent-watches weights. */
  public static final double RECENT_HALF_LIFE = 3.0;

  private static final float[] RECENT_WEIGHTS = new float[RECENT];

  static {
    for (int h = 0; h < RECENT; h++) {
      RECENT_WEIGHTS[h] = (float) Math.pow(0.5, h / RECENT_HALF_LIFE);
    }
  }

  private final Catalog catalog;
  private final float[] itemEmbeddings;
  private final int k;
  private final int genres;
  private final int dimension;

  /**
   * @param catalog the items (genres, years)
   * @param itemEmbeddings row-major {@code catalog.size() x k} item embeddings
   * @param k the embedding length
   */
  public UserFeatures(Catalog catalog, float[] itemEmbeddings, int k) {
    if (itemEmbeddings.length != catalog.size() * k) {
      throw new IllegalArgumentException(
          "itemEmbeddings must be "
              + catalog.size()
              + " x "
              + k
              + ", got "
              + itemEmbeddings.length);
    }
    this.catalog = catalog;
    this.itemEmbeddings = itemEmbeddings;
    this.k = k;
    this.genres = catalog.genreCount();
    this.dimension = 2 * k + 2 * genres + 5 + 1 + 6 + 7 + k;
  }

  /** The length of a user vector. */
  public int dimension() {
    return dimension;
  }

  /**
   * Encodes one user.
   *
   * @param items history item indices, oldest first; only the first {@code n} are read
   * @param ratings history stars, parallel to {@code items}
   * @param n history length, 0 allowed (a user with no history)
   * @param lastSeconds timestamp of the last history row (ignored when {@code n == 0})
   * @param nowSeconds the request's timestamp, seconds since the epoch
   * @param out receives {@link #dimension()} values from index 0; overwritten
   * @throws IllegalArgumentException on an unknown item index
   */
  public void encode(
      int[] items, float[] ratings, int n, long lastSeconds, long nowSeconds, float[] out) {
    java.util.Arrays.fill(out, 0, dimension, 0f);
    int liked = 0;
    double stars = 0;
    double yearSum = 0;
    int yearCount = 0;
    int gW = 2 * k;
    int gL = gW + genres;
    for (int h = 0; h < n; h++) {
      int item = items[h];
      if (item < 0 || item >= catalog.size()) {
        throw new IllegalArgumentException("unknown item index " + item);
      }
      boolean like = Relevance.liked(ratings[h]);
      int e = item * k;
      for (int j = 0; j < k; j++) {
        out[j] += itemEmbeddings[e + j];
      }
      int mask = catalog.genreMask(item);
      for (int g = 0; g < genres; g++) {
        if ((mask & (1 << g)) != 0) {
          out[gW + g] += 1f;
          if (like) {
            out[gL + g] += 1f;
          }
        }
      }
      if (like) {
        liked++;
        for (int j = 0; j < k; j++) {
          out[k + j] += itemEmbeddings[e + j];
        }
      }
      stars += ratings[h];
      int y = catalog.year(item);
      if (y != Catalog.UNKNOWN_YEAR) {
        yearSum += y;
        yearCount++;
      }
    }
    if (n > 0) {
      float inv = 1f / n;
      for (int j = 0; j < k; j++) {
        out[j] *= inv;
      }
      for (int g = 0; g < genres; g++) {
        out[gW + g] *= inv;
      }
    }
    if (liked > 0) {
      float inv = 1f / liked;
      for (int j = 0; j < k; j++) {
        out[k + j] *= inv;
      }
      for (int g = 0; g < genres; g++) {
        out[gL + g] *= inv;
      }
    }
    int a = gL + genres;
    out[a] = (float) (Math.log1p(n) / 8);
    out[a + 1] = (float) (Math.log1p(liked) / 8);
    out[a + 2] = n == 0 ? 0f : (float) (stars / n / 5);
    out[a + 3] = n == 0 ? 0f : (float) liked / n;
    double days = n == 0 ? 0 : Math.max(0, nowSeconds - lastSeconds) / 86400.0;
    out[a + 4] = (float) (Math.log1p(days) / 8);
    out[a + 5] = yearCount == 0 ? 0f : (float) ((yearSum / yearCount - 1990) / 30);
    int c = a + 6;
    long day = Math.floorDiv(nowSeconds, 86400L);
    int hour = (int) (Math.floorMod(nowSeconds, 86400L) / 3600);
    out[c + hour / 4] = 1f;
    // 1970-01-01 was a Thursday: day 0 -> slot 3 (Monday = 0)
    out[c + 6 + (int) Math.floorMod(day + 3, 7L)] = 1f;
    int r = c + 13;
    float weights = 0;
    for (int h = 0; h < Math.min(RECENT, n); h++) {
      float w = RECENT_WEIGHTS[h];
      int e = items[n - 1 - h] * k;
      for (int j = 0; j < k; j++) {
        out[r + j] += w * itemEmbeddings[e + j];
      }
      weights += w;
    }
    if (weights > 0) {
      for (int j = 0; j < k; j++) {
        out[r + j] /= weights;
      }
    }
  }
}
