package dev.mlsd.core.report;

/**
 * One named histogram: {@code counts[i]} values fell in {@code [edges[i], edges[i + 1])}.
 *
 * @param name the legend's label (a pipeline stage)
 * @param edges bin edges, increasing, one more than {@code counts}
 * @param counts per bin
 */
public record HistogramSeries(String name, double[] edges, long[] counts) {
  /** Checks the lengths and that edges increase. */
  public HistogramSeries {
    if (name == null || name.isBlank()) {
      throw new IllegalArgumentException("a histogram needs a name");
    }
    if (edges == null || counts == null || edges.length != counts.length + 1) {
      throw new IllegalArgumentException("need one more edge than counts");
    }
    for (int i = 1; i < edges.length; i++) {
      if (!(edges[i] > edges[i - 1])) {
        throw new IllegalArgumentException("edges must increase");
      }
    }
  }

  /**
   * Counts {@code values} into bins with {@code edges}; values below the first edge go into the
   * first bin and values at or above the last into the last (so nothing is dropped).
   */
  public static HistogramSeries of(String name, double[] values, double[] edges) {
    long[] counts = new long[edges.length - 1];
    for (double v : values) {
      int lo = 0;
      int hi = counts.length - 1;
      while (lo < hi) { // the last bin whose left edge is <= v
        int mid = (lo + hi + 1) >>> 1;
        if (edges[mid] <= v) {
          lo = mid;
        } else {
          hi = mid - 1;
        }
      }
      counts[lo]++;
    }
    return new HistogramSeries(name, edges.clone(), counts);
  }

  /**
   * Log-spaced edges from {@code lo} to {@code hi} (both > 0), {@code perDecade} bins per factor of
   * ten: the right bins for latencies that span microseconds to milliseconds.
   */
  public static double[] logEdges(double lo, double hi, int perDecade) {
    if (!(lo > 0 && hi > lo) || perDecade < 1) {
      throw new IllegalArgumentException("need 0 < lo < hi and perDecade >= 1");
    }
    int bins = (int) Math.ceil(Math.log10(hi / lo) * perDecade);
    double[] edges = new double[bins + 1];
    for (int i = 0; i <= bins; i++) {
      edges[i] = lo * Math.pow(10, (double) i / perDecade);
    }
    return edges;
  }
}
