package dev.mlsd.recommendation.model;

import dev.mlsd.recommendation.data.Relevance;
import dev.mlsd.recommendation.data.TimeSplit;

/**
 * The implicit-feedback matrix of the training rows, in both compressed-row (by user) and
 * compressed-column (by item) form, with each entry's confidence weight from {@link
 * Relevance#weight(float)}. A user/item pair seen twice keeps its last rating.
 *
 * <p>Thread safety: immutable.
 */
public final class FeedbackMatrix {
  final int users;
  final int items;
  final int[] rowStart;
  final int[] rowItems;
  final float[] rowWeights;
  final int[] colStart;
  final int[] colUsers;
  final float[] colWeights;

  /**
   * @param users number of rows
   * @param items number of columns
   * @param rowStart CSR offsets, length users + 1
   * @param rowItems CSR column indices, sorted and unique within a row
   * @param rowWeights CSR confidence weights
   */
  public FeedbackMatrix(int users, int items, int[] rowStart, int[] rowItems, float[] rowWeights) {
    this.users = users;
    this.items = items;
    this.rowStart = rowStart;
    this.rowItems = rowItems;
    this.rowWeights = rowWeights;
    int nnz = rowItems.length;
    colStart = new int[items + 1];
    for (int x : rowItems) {
      if (x < 0 || x >= items) {
        throw new IllegalArgumentException("item index out of range: " + x);
      }
      colStart[x + 1]++;
    }
    for (int i = 0; i < items; i++) {
      colStart[i + 1] += colStart[i];
    }
    colUsers = new int[nnz];
    colWeights = new float[nnz];
    int[] fill = colStart.clone();
    for (int u = 0; u < users; u++) {
      for (int p = rowStart[u]; p < rowStart[u + 1]; p++) {
        int pos = fill[rowItems[p]]++;
        colUsers[pos] = u;
        colWeights[pos] = rowWeights[p];
      }
    }
  }

  /** The training rows of a split (cold users contribute none). */
  public static FeedbackMatrix training(TimeSplit split, int itemCount) {
    var log = split.interactions();
    int[] end = new int[log.userCount()];
    for (int u = 0; u < end.length; u++) {
      end[u] = split.trainEnd(u);
    }
    return upTo(log, itemCount, end);
  }

  /**
   * The rows of each user from their first up to {@code end[u]} (exclusive): a retraining round's
   * matrix, e.g. training and validation rows and the replayed part of the test period.
   *
   * @param log the log
   * @param itemCount catalogue size
   * @param end per user, one past the last row counted ({@code log.start(u)} for none)
   */
  public static FeedbackMatrix upTo(
      dev.mlsd.recommendation.data.Interactions log, int itemCount, int[] end) {
    int users = log.userCount();
    int[] start = new int[users + 1];
    int[] tmpItems = new int[log.size()];
    float[] tmpW = new float[log.size()];
    int nnz = 0;
    float[] last = new float[itemCount];
    int[] seen = new int[itemCount];
    java.util.Arrays.fill(seen, -1);
    for (int u = 0; u < users; u++) {
      start[u] = nnz;
      int from = nnz;
      for (int r = log.start(u); r < end[u]; r++) {
        int it = log.item(r);
        if (seen[it] != u) {
          seen[it] = u;
          tmpItems[nnz++] = it;
        }
        last[it] = Relevance.weight(log.rating(r));
      }
      java.util.Arrays.sort(tmpItems, from, nnz);
      for (int p = from; p < nnz; p++) {
        tmpW[p] = last[tmpItems[p]];
      }
    }
    start[users] = nnz;
    return new FeedbackMatrix(
        users,
        itemCount,
        start,
        java.util.Arrays.copyOf(tmpItems, nnz),
        java.util.Arrays.copyOf(tmpW, nnz));
  }

  /** Number of users (rows). */
  public int users() {
    return users;
  }

  /** Number of items (columns). */
  public int items() {
    return items;
  }

  /** Number of observed entries. */
  public int nonZeros() {
    return rowItems.length;
  }

  /** How many users observed each item. */
  public int[] itemCounts() {
    int[] c = new int[items];
    for (int i = 0; i < items; i++) {
      c[i] = colStart[i + 1] - colStart[i];
    }
    return c;
  }

  /** Whether user u observed item i (binary search in the row). */
  public boolean contains(int u, int i) {
    return java.util.Arrays.binarySearch(rowItems, rowStart[u], rowStart[u + 1], i) >= 0;
  }
}
