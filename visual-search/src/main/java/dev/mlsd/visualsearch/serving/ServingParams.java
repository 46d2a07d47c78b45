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
 *     private images and duplicates and still fill {@code k}; when it does not, the fetch is
 *     doubled up to {@link #deepestFetch(int)}
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

  /**
   * The cap on how deep a request walks: a request whose re-ranking keeps fewer than {@code k} of
   * its first fetch fetches again with twice the neighbours, up to this many (or {@link
   * #fetch(int)}, if that is larger).
   */
  public static final int MAX_FETCH = 1024;

  /** Neighbours fetched first for a request of {@code k} results. */
  public int fetch(int k) {
    return k * overFetch + 10;
  }

  /** The most neighbours a request of {@code k} results fetches (the last doubling stops here). */
  public int deepestFetch(int k) {
    return Math.max(fetch(k), MAX_FETCH);
  }
}
