package dev.mlsd.visualsearch.serving;

import dev.mlsd.core.ann.HnswBuildParams;
import dev.mlsd.core.ann.SearchParams;

/**
 * The serving knobs, fixed when the system is built.
 *
 * @param build the HNSW graph's shape (build time)
 * @param search the HNSW query-time beam width
 * @param maxK the largest {@code k} a request may ask for
 * @param overFetch nearest neighbours fetched per result wanted, so that re-ranking can drop
 *     private images and duplicates and still fill {@code k}
 * @param duplicateThreshold cosine at or above which two images are near-duplicates
 */
public record ServingParams(
    HnswBuildParams build, SearchParams search, int maxK, int overFetch, float duplicateThreshold) {

  /** The demo's settings: M 16, efConstruction 100, ef 64, k up to 100, 3x over-fetch, 0.995. */
  public static final ServingParams DEFAULT =
      new ServingParams(new HnswBuildParams(16, 100, 42L), new SearchParams(64), 100, 3, 0.995f);

  public ServingParams {
    if (maxK < 1 || overFetch < 1) {
      throw new IllegalArgumentException("maxK and overFetch must be at least 1");
    }
  }

  /** Neighbours fetched for a request of {@code k} results. */
  public int fetch(int k) {
    return k * overFetch + 10;
  }
}
