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
  // items share few genre combinations (about a thousand in MovieLens): each request scores every
  // distinct combination once, then every item reads its combination's score
  private final int[] combinationOf;
  private final int[] combinations;
  private final float[] invSqrtGenres;
  private final float[] combinationScore;

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
    this.combinationOf = new int[catalog.size()];
    java.util.Map<Integer, Integer> seen = new java.util.HashMap<>();
    for (int i = 0; i < combinationOf.length; i++) {
      combinationOf[i] = seen.computeIfAbsent(catalog.genreMask(i), m -> seen.size());
    }
    this.combinations = new int[seen.size()];
    seen.forEach((mask, c) -> combinations[c] = mask);
    this.invSqrtGenres = new float[combinations.length];
    for (int c = 0; c < combinations.length; c++) {
      int n = Integer.bitCount(combinations[c]);
      invSqrtGenres[c] = n == 0 ? 0f : (float) (1 / Math.sqrt(n));
    }
    this.combinationScore = new float[combinations.length];
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
    for (int c = 0; c < combinations.length; c++) {
      float s = 0;
      // visit only the combination's own genres (two or three bits of the mask)
      for (int m = combinations[c]; m != 0; m &= m - 1) {
        s += affinity[Integer.numberOfTrailingZeros(m)];
      }
      combinationScore[c] = s * invSqrtGenres[c];
    }
    for (int i = 0; i < out.length; i++) {
      out[i] = combinationScore[combinationOf[i]] + prior[i];
    }
  }
}
