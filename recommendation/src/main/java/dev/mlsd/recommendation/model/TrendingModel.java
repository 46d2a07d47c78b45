package dev.mlsd.recommendation.model;

import dev.mlsd.recommendation.data.TimeSplit;
import dev.mlsd.recommendation.features.UserRequest;
import java.util.Arrays;

/**
 * Baseline: recent popularity. The score of an item is how often it was watched among the last
 * {@code window} training rows (all users) before the request's time, so it uses only the past of
 * the request. MovieLens is sparse in time (some months have a handful of ratings), so the window
 * is a count of rows, not a span of days.
 *
 * <p>Thread safety: immutable; {@link #scoreAll} writes only into the caller's array.
 *
 * <p>Book: chapter 6, "Serving", the "trending" candidate generator.
 */
public final class TrendingModel implements ItemScorer {
  private final long[] times;
  private final int[] items;
  private final int window;
  private final float[] tieBreak;

  /**
   * @param split the split (training rows only are used)
   * @param itemCount items in the catalogue
   * @param window rows counted, at least 1
   * @param popularity used only to break ties
   */
  public TrendingModel(TimeSplit split, int itemCount, int window, PopularityModel popularity) {
    if (window < 1) {
      throw new IllegalArgumentException("window must be >= 1, got " + window);
    }
    var log = split.interactions();
    int n = 0;
    for (int u = 0; u < log.userCount(); u++) {
      n += split.trainEnd(u) - log.start(u);
    }
    int[] rowOf = new int[n];
    int k = 0;
    for (int u = 0; u < log.userCount(); u++) {
      for (int r = log.start(u); r < split.trainEnd(u); r++) {
        rowOf[k++] = r;
      }
    }
    Integer[] order = new Integer[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    Arrays.sort(
        order,
        (a, b) -> {
          int c = Long.compare(log.timestamp(rowOf[a]), log.timestamp(rowOf[b]));
          return c != 0 ? c : Integer.compare(rowOf[a], rowOf[b]);
        });
    times = new long[n];
    items = new int[n];
    for (int i = 0; i < n; i++) {
      times[i] = log.timestamp(rowOf[order[i]]);
      items[i] = log.item(rowOf[order[i]]);
    }
    this.window = window;
    float[] pop = new float[itemCount];
    popularity.scoreAll(null, pop);
    float max = 1;
    for (float p : pop) {
      max = Math.max(max, p);
    }
    tieBreak = new float[itemCount];
    for (int i = 0; i < itemCount; i++) {
      tieBreak[i] = 0.5f * pop[i] / max;
    }
  }

  @Override
  public String name() {
    return "trending";
  }

  @Override
  public void scoreAll(UserRequest request, float[] out) {
    System.arraycopy(tieBreak, 0, out, 0, tieBreak.length);
    // rows strictly before now
    int end = Arrays.binarySearch(times, request.nowSeconds);
    if (end < 0) {
      end = -end - 1;
    } else {
      while (end > 0 && times[end - 1] == request.nowSeconds) {
        end--;
      }
    }
    for (int r = Math.max(0, end - window); r < end; r++) {
      out[items[r]] += 1f;
    }
  }
}
