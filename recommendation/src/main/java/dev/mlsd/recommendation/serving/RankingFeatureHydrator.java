package dev.mlsd.recommendation.serving;

import dev.mlsd.core.serving.Candidates;
import dev.mlsd.core.serving.FeatureHydrator;
import dev.mlsd.recommendation.data.Catalog;

/**
 * The scoring model's features per (user, candidate), more than the towers see: every retrieval
 * model's score, item-kNN affinity, popularity and trending, genre match, the video's year, age gap
 * to the user's taste, the video's mean stars, user aggregates, and each candidate generator's rank
 * of the candidate (so the ranker learns how far to trust each source). Columns, in order:
 *
 * <ol start="0">
 *   <li>two-tower score {@code u . v};
 *   <li>WALS score;
 *   <li>{@code log1p(item-kNN score)};
 *   <li>{@code log1p(training watches) / 8};
 *   <li>{@code log1p(trending count) / 4};
 *   <li>genre match score;
 *   <li>release year, {@code (year - 1990) / 30};
 *   <li>{@code |year - user's mean year| / 30};
 *   <li>{@code log1p(user's history length) / 8};
 *   <li>user's liked share;
 *   <li>video's smoothed mean stars / 5;
 *   <li>user's mean stars / 5;
 *   <li>video's genre count / 4;
 *   <li>EASE score (equal weights);
 *   <li>EASE score (recency weights);
 *   <li>15-22: for each generator in declaration order (two-tower, WALS, item-kNN, popular,
 *       trending, genre, EASE, recent EASE), the reciprocal rank {@code 1 / (rank + 1)} of the
 *       candidate in that generator's list, 0 when the generator did not return it.
 * </ol>
 *
 * <p>Thread safety: immutable; reads the request's precomputed features.
 *
 * <p>Book: chapter 6, "Serving" (scoring with more features than retrieval).
 */
public final class RankingFeatureHydrator implements FeatureHydrator<RecoRequest> {
  /** The number of columns. */
  public static final int COLUMNS = 23;

  /** Generators whose ranks are features (the pipeline declares exactly these, in this order). */
  public static final int GENERATORS = 8;

  /** Per-item columns that do not depend on the request: 3, 6, 10 and 12, in that order. */
  private static final int ITEM_COLUMNS = 4;

  /** Trending counts below this read {@code log1p(count) / 4} from a table. */
  private static final int TRENDING_TABLE = 8192;

  private final RecommendationModels m;
  private final float[] itemColumns;
  private final float[] trendingColumn;

  /**
   * @param models the served models
   */
  public RankingFeatureHydrator(RecommendationModels models) {
    this.m = models;
    Catalog cat = models.catalog();
    itemColumns = new float[cat.size() * ITEM_COLUMNS];
    for (int id = 0; id < cat.size(); id++) {
      int year = cat.year(id);
      int o = id * ITEM_COLUMNS;
      itemColumns[o] = models.popularity().logCount(id) / 8f;
      itemColumns[o + 1] = year == Catalog.UNKNOWN_YEAR ? 0f : (year - 1990) / 30f;
      itemColumns[o + 2] = models.itemMeanStars()[id] / 5f;
      itemColumns[o + 3] = Integer.bitCount(cat.genreMask(id)) / 4f;
    }
    trendingColumn = new float[TRENDING_TABLE];
    for (int n = 0; n < TRENDING_TABLE; n++) {
      trendingColumn[n] = trendingFeature(n);
    }
  }

  private static float trendingFeature(double count) {
    return (float) Math.log1p(Math.max(0, Math.floor(count))) / 4f;
  }

  @Override
  public int columns() {
    return COLUMNS;
  }

  @Override
  public void hydrate(RecoRequest q, Candidates c, int firstColumn) {
    float[] f = c.features();
    int dim = c.featureDim();
    int[] ids = c.ids();
    float[] towerItems = m.tower().itemEmbeddings();
    int td = m.tower().dimension();
    float[] walsItems = m.wals().itemFactors();
    int wd = m.wals().factors();
    Catalog cat = m.catalog();
    for (int row = 0; row < c.size(); row++) {
      int id = ids[row];
      int o = row * dim + firstColumn;
      f[o] = dot(q.towerUser, towerItems, id * td, td);
      f[o + 1] = dot(q.walsUser, walsItems, id * wd, wd);
      int io = id * ITEM_COLUMNS;
      f[o + 2] = (float) Math.log1p(q.knn[id]);
      f[o + 3] = itemColumns[io];
      float trend = q.trending[id];
      f[o + 4] =
          trend >= 0 && trend < TRENDING_TABLE
              ? trendingColumn[(int) trend]
              : trendingFeature(trend);
      f[o + 5] = q.genre[id];
      int year = cat.year(id);
      f[o + 6] = itemColumns[io + 1];
      f[o + 7] =
          year == Catalog.UNKNOWN_YEAR || q.userMeanYear == 0
              ? 0f
              : Math.abs(year - q.userMeanYear) / 30f;
      f[o + 8] = q.userLogCount;
      f[o + 9] = q.userLikedShare;
      f[o + 10] = itemColumns[io + 2];
      f[o + 11] = q.userMeanStars;
      f[o + 12] = itemColumns[io + 3];
      f[o + 13] = q.ease[id];
      f[o + 14] = q.easeRecent[id];
      for (int g = 0; g < GENERATORS; g++) {
        int rank = c.generatorRank(row, g);
        f[o + 15 + g] = rank < 0 ? 0f : 1f / (rank + 1);
      }
    }
  }

  private static float dot(float[] u, float[] v, int off, int d) {
    float s = 0;
    for (int j = 0; j < d; j++) {
      s += u[j] * v[off + j];
    }
    return s;
  }
}
