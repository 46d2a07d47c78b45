package dev.mlsd.videosearch.evaluation;

import dev.mlsd.videosearch.data.SearchQuery;
import dev.mlsd.videosearch.serving.Fusion;
import dev.mlsd.videosearch.serving.ScoreRanges;
import dev.mlsd.videosearch.serving.SearchComponent;
import java.util.Arrays;

/**
 * The fused search as the evaluation runs it: both components return their top {@code depth}
 * videos, the union is scored by a {@link Fusion} and sorted (fused score descending, ties by video
 * id). The server's pipeline does the same with the same fusion classes; a video returned by
 * neither component is not found.
 *
 * <p>Thread safety: not thread-safe (owns its buffers).
 */
public final class FusedRetriever implements Retriever {
  private final SearchComponent text;
  private final SearchComponent learned;
  private final Fusion fusion;
  private final int componentDepth;
  private final int[] textIds;
  private final float[] textScores;
  private final int[] learnedIds;
  private final float[] learnedScores;
  private final ScoreRanges ranges = new ScoreRanges();

  /**
   * @param text the text search
   * @param learned the learned search
   * @param fusion how to combine them
   * @param componentDepth how many videos each component returns
   */
  public FusedRetriever(
      SearchComponent text, SearchComponent learned, Fusion fusion, int componentDepth) {
    this.text = text;
    this.learned = learned;
    this.fusion = fusion;
    this.componentDepth = componentDepth;
    this.textIds = new int[componentDepth];
    this.textScores = new float[componentDepth];
    this.learnedIds = new int[componentDepth];
    this.learnedScores = new float[componentDepth];
  }

  @Override
  public int retrieve(SearchQuery query, int depth, int[] ids) {
    int nt = text.search(query.text(), componentDepth, textIds, textScores);
    int nl = learned.search(query.text(), componentDepth, learnedIds, learnedScores);
    ranges.reset();
    for (int i = 0; i < nt; i++) {
      ranges.text(textScores[i]);
    }
    for (int i = 0; i < nl; i++) {
      ranges.learned(learnedScores[i]);
    }
    long[] keyed = new long[nt + nl];
    int n = 0;
    for (int i = 0; i < nt; i++) {
      int j = indexOf(learnedIds, nl, textIds[i]);
      float ls = j < 0 ? Float.NaN : learnedScores[j];
      float f = fusion.fuse(textScores[i], i + 1, ls, j + 1, ranges);
      keyed[n++] = key(f, textIds[i]);
    }
    for (int j = 0; j < nl; j++) {
      if (indexOf(textIds, nt, learnedIds[j]) < 0) {
        float f = fusion.fuse(Float.NaN, 0, learnedScores[j], j + 1, ranges);
        keyed[n++] = key(f, learnedIds[j]);
      }
    }
    Arrays.sort(keyed, 0, n);
    int out = Math.min(depth, n);
    for (int i = 0; i < out; i++) {
      ids[i] = (int) keyed[i];
    }
    return out;
  }

  /** Sorts ascending as: score descending, then id ascending (ids are non-negative). */
  static long key(float score, int id) {
    int bits = Float.floatToIntBits(score);
    int ordered = bits ^ ((bits >> 31) & 0x7fffffff);
    return ((long) ~ordered << 32) | (id & 0xffffffffL);
  }

  private static int indexOf(int[] a, int n, int id) {
    for (int i = 0; i < n; i++) {
      if (a[i] == id) {
        return i;
      }
    }
    return -1;
  }
}
