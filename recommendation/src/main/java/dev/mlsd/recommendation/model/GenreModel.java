package dev.mlsd.recommendation.model;

import dev.mlsd.recommendation.data.Catalog;
import dev.mlsd.recommendation.data.Relevance;
import dev.mlsd.recommendation.features.UserRequest;

/**
 * Content-based generator: the user's genre affinity (share of liked history items per genre,
 * watched ones counting half) against each item's genres, normalised by the square root of the
 * item's genre count, plus a small popularity prior so that popular films lead within a genre.
 *
 * <p>Not thread-safe: owns a per-request affinity buffer.
 *
 * <p>Book: chapter 6, "Model development" (content-based filtering) and "Serving" (several
 * candidate generators).
 */
public final class GenreModel implements ItemScorer {
  private final Catalog catalog;
  private final float[] prior;
  private final float[] affinity;
  private final float[] invSqrtGenres;

  /**
   * @param catalog the items
   * @param popularity the popularity baseline (for the prior)
   */
  public GenreModel(Catalog catalog, PopularityModel popularity) {
    this.catalog = catalog;
    this.prior = new float[catalog.size()];
    float max = 1;
    for (int i = 0; i < prior.length; i++) {
      prior[i] = popularity.logCount(i);
      max = Math.max(max, prior[i]);
    }
    for (int i = 0; i < prior.length; i++) {
      prior[i] = 0.3f * prior[i] / max;
    }
    this.affinity = new float[catalog.genreCount()];
    this.invSqrtGenres = new float[catalog.size()];
    for (int i = 0; i < invSqrtGenres.length; i++) {
      int c = Integer.bitCount(catalog.genreMask(i));
      invSqrtGenres[i] = c == 0 ? 0f : (float) (1 / Math.sqrt(c));
    }
  }

  @Override
  public String name() {
    return "genre";
  }

  @Override
  public void scoreAll(UserRequest request, float[] out) {
    java.util.Arrays.fill(affinity, 0f);
    float total = 0;
    for (int h = 0; h < request.length; h++) {
      float w = Relevance.liked(request.ratings[h]) ? 1f : 0.5f;
      int mask = catalog.genreMask(request.items[h]);
      for (int g = 0; g < affinity.length; g++) {
        if ((mask & (1 << g)) != 0) {
          affinity[g] += w;
          total += w;
        }
      }
    }
    if (total > 0) {
      for (int g = 0; g < affinity.length; g++) {
        affinity[g] /= total;
      }
    }
    for (int i = 0; i < out.length; i++) {
      float s = 0;
      // visit only the item's own genres (two or three bits of the mask)
      for (int m = catalog.genreMask(i); m != 0; m &= m - 1) {
        s += affinity[Integer.numberOfTrailingZeros(m)];
      }
      out[i] = s * invSqrtGenres[i] + prior[i];
    }
  }
}
