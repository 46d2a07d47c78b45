package dev.mlsd.recommendation.evaluation;

import dev.mlsd.core.metrics.lists.ItemSimilarity;
import dev.mlsd.recommendation.data.Catalog;

/**
 * The similarity behind the book's diversity metric here: the Jaccard index of two videos' genre
 * sets (1 = same genres; two genre-less videos count as identical). Intra-list diversity is then
 * the mean pairwise {@code 1 - Jaccard}.
 *
 * <p>Thread safety: immutable.
 */
public final class GenreSimilarity implements ItemSimilarity {
  private final Catalog catalog;

  /**
   * @param catalog the items
   */
  public GenreSimilarity(Catalog catalog) {
    this.catalog = catalog;
  }

  @Override
  public double similarity(int a, int b) {
    return jaccard(catalog.genreMask(a), catalog.genreMask(b));
  }

  /** Jaccard of two genre masks; 1 when both are empty. */
  public static double jaccard(int ma, int mb) {
    int union = Integer.bitCount(ma | mb);
    return union == 0 ? 1.0 : (double) Integer.bitCount(ma & mb) / union;
  }
}
