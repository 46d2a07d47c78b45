package dev.mlsd.videosearch.evaluation;

import dev.mlsd.videosearch.data.SearchQuery;
import java.util.SplittableRandom;

/**
 * The floor: a seeded random permutation of the catalogue per query. Its expected MRR over a
 * catalogue of N videos is {@code H(N) / N} (about 0.004 for DiDeMo's 2,131 videos).
 *
 * <p>Thread safety: not thread-safe (one generator).
 */
public final class RandomRanking implements Retriever {
  private final int videos;
  private final SplittableRandom rnd;
  private final int[] perm;

  /**
   * @param videos the catalogue size
   * @param seed the generator's seed
   */
  public RandomRanking(int videos, long seed) {
    this.videos = videos;
    this.rnd = new SplittableRandom(seed);
    this.perm = new int[videos];
  }

  @Override
  public int retrieve(SearchQuery query, int depth, int[] ids) {
    for (int i = 0; i < videos; i++) {
      perm[i] = i;
    }
    int n = Math.min(depth, videos);
    // a partial Fisher-Yates shuffle: the first n places are a uniform random ordered sample
    for (int i = 0; i < n; i++) {
      int j = i + rnd.nextInt(videos - i);
      int t = perm[i];
      perm[i] = perm[j];
      perm[j] = t;
      ids[i] = perm[i];
    }
    return n;
  }
}
