package dev.mlsd.videosearch.serving;

import dev.mlsd.core.serving.CandidateGenerator;
import dev.mlsd.core.serving.Candidates;
import dev.mlsd.videosearch.model.TextSearchIndex;

/**
 * The text search as a candidate generator: the best {@code n} videos by BM25 from the Lucene
 * index, pushed best first with their BM25 scores.
 *
 * <p>Thread safety: thread-safe (per-thread result buffers).
 *
 * <p>Book: chapter 4, "Serving" (text search through the inverted index).
 */
public final class TextSearchCandidates implements CandidateGenerator<SearchRequest> {
  private final TextSearchIndex index;
  private final int n;
  private final ThreadLocal<int[]> ids;
  private final ThreadLocal<float[]> scores;

  /**
   * @param index the Lucene index
   * @param n how many videos per request, at least 1
   */
  public TextSearchCandidates(TextSearchIndex index, int n) {
    if (n < 1) {
      throw new IllegalArgumentException("n must be >= 1, got " + n);
    }
    this.index = index;
    this.n = n;
    this.ids = ThreadLocal.withInitial(() -> new int[n]);
    this.scores = ThreadLocal.withInitial(() -> new float[n]);
  }

  @Override
  public void generate(SearchRequest q, Candidates out) {
    int[] id = ids.get();
    float[] s = scores.get();
    int got = index.search(q.text(), n, id, s);
    for (int i = 0; i < got; i++) {
      out.add(id[i], s[i]);
    }
  }
}
