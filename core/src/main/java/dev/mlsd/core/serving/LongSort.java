package dev.mlsd.core.serving;

/**
 * An allocation-free ascending sort of a {@code long[]} range: quicksort with a median-of-three
 * pivot, insertion sort below 24 elements, recursion only into the smaller part (depth at most log2
 * n). Its exact twin is {@link java.util.Arrays#sort(long[], int, int)} (see {@code LongSortTest}),
 * which allocates on JDK 25 and so is kept off the request path.
 *
 * <p>Thread safety: stateless.
 */
final class LongSort {
  private static final int INSERTION = 24;

  private LongSort() {}

  /** Sorts {@code a[from, to)} ascending. */
  static void sort(long[] a, int from, int to) {
    while (to - from > INSERTION) {
      int mid = (from + to) >>> 1;
      long pivot = median(a[from], a[mid], a[to - 1]);
      int i = from;
      int j = to - 1;
      while (i <= j) {
        while (a[i] < pivot) {
          i++;
        }
        while (a[j] > pivot) {
          j--;
        }
        if (i <= j) {
          long t = a[i];
          a[i] = a[j];
          a[j] = t;
          i++;
          j--;
        }
      }
      // [from, j] <= pivot <= [i, to)
      if (j + 1 - from < to - i) {
        sort(a, from, j + 1);
        from = i;
      } else {
        sort(a, i, to);
        to = j + 1;
      }
    }
    for (int i = from + 1; i < to; i++) {
      long v = a[i];
      int j = i - 1;
      while (j >= from && a[j] > v) {
        a[j + 1] = a[j];
        j--;
      }
      a[j + 1] = v;
    }
  }

  private static long median(long x, long y, long z) {
    return Math.max(Math.min(x, y), Math.min(Math.max(x, y), z));
  }
}
