package dev.mlsd.recommendation.model;

import dev.mlsd.recommendation.features.UserRequest;

/**
 * Baseline: item-based k-nearest neighbours. Two items are similar when the same users watched
 * both: {@code sim(i, j) = co(i, j) / sqrt(n_i n_j)} (cosine on the binary co-occurrence of the
 * training matrix). Each item keeps its {@code neighbours} most similar items (ties by index). A
 * request's score for item j is the sum of {@code sim(h, j)} over its history items h.
 *
 * <p>Thread safety: immutable; {@link #scoreAll} writes only into the caller's array.
 *
 * <p>Book: chapter 6, "Model development" (collaborative filtering).
 */
public final class ItemKnnModel implements ItemScorer {
  private final int m;
  private final int[] nbr;
  private final float[] sim;

  /**
   * @param fm the training matrix
   * @param neighbours neighbours kept per item, at least 1
   */
  public ItemKnnModel(FeedbackMatrix fm, int neighbours) {
    if (neighbours < 1) {
      throw new IllegalArgumentException("neighbours must be >= 1, got " + neighbours);
    }
    this.m = neighbours;
    int items = fm.items;
    nbr = new int[items * m];
    sim = new float[items * m];
    java.util.Arrays.fill(nbr, -1);
    int[] co = new int[items];
    int[] touched = new int[items];
    int[] count = fm.itemCounts();
    for (int i = 0; i < items; i++) {
      int nt = 0;
      for (int p = fm.colStart[i]; p < fm.colStart[i + 1]; p++) {
        int u = fm.colUsers[p];
        for (int q = fm.rowStart[u]; q < fm.rowStart[u + 1]; q++) {
          int j = fm.rowItems[q];
          if (j != i) {
            if (co[j]++ == 0) {
              touched[nt++] = j;
            }
          }
        }
      }
      // keep the m best by a simple insertion into the fixed-size row (sorted descending)
      int base = i * m;
      int kept = 0;
      for (int t = 0; t < nt; t++) {
        int j = touched[t];
        float s = (float) (co[j] / Math.sqrt((double) count[i] * count[j]));
        co[j] = 0;
        if (kept == m && !better(s, j, sim[base + m - 1], nbr[base + m - 1])) {
          continue;
        }
        int pos = kept == m ? m - 1 : kept++;
        while (pos > 0 && better(s, j, sim[base + pos - 1], nbr[base + pos - 1])) {
          sim[base + pos] = sim[base + pos - 1];
          nbr[base + pos] = nbr[base + pos - 1];
          pos--;
        }
        sim[base + pos] = s;
        nbr[base + pos] = j;
      }
    }
  }

  private static boolean better(float s, int j, float s2, int j2) {
    return s > s2 || (s == s2 && j < j2);
  }

  @Override
  public String name() {
    return "item-kNN";
  }

  @Override
  public void scoreAll(UserRequest request, float[] out) {
    java.util.Arrays.fill(out, 0f);
    for (int h = 0; h < request.length; h++) {
      int base = request.items[h] * m;
      for (int t = 0; t < m; t++) {
        int j = nbr[base + t];
        if (j < 0) {
          break;
        }
        out[j] += sim[base + t];
      }
    }
  }

  /**
   * The summed similarity of one item to a history (the ranker's feature; same as {@link #scoreAll}
   * for that item).
   */
  public float score(UserRequest request, int item) {
    float s = 0;
    for (int h = 0; h < request.length; h++) {
      int base = request.items[h] * m;
      for (int t = 0; t < m; t++) {
        int j = nbr[base + t];
        if (j < 0) {
          break;
        }
        if (j == item) {
          s += sim[base + t];
          break;
        }
      }
    }
    return s;
  }
}
