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
      counts[bin(edges, v)]++;
    }
    return new HistogramSeries(name, edges.clone(), counts);
  }

  /**
   * Counts the values recorded in an HdrHistogram into bins with {@code edges}, each value first
   * multiplied by {@code scale} (e.g. 1e-3 for nanoseconds to microseconds); out-of-range values
   * are clamped into the first or last bin.
   */
  public static HistogramSeries of(
      String name, org.HdrHistogram.Histogram histogram, double[] edges, double scale) {
    long[] counts = new long[edges.length - 1];
    for (var v : histogram.recordedValues()) {
      double x = v.getValueIteratedTo() * scale;
      counts[bin(edges, x)] += v.getCountAtValueIteratedTo();
    }
    return new HistogramSeries(name, edges.clone(), counts);
  }

  /**
   * One series per pipeline stage that recorded requests, then the whole pipeline ("total"), in
   * microseconds over {@code edgesMicros}: the serving section's latency-per-stage chart.
   */
  public static java.util.List<HistogramSeries> perStage(
      dev.mlsd.core.serving.ServingPipeline<?> pipeline, double[] edgesMicros) {
    java.util.List<HistogramSeries> list = new java.util.ArrayList<>();
    for (var e : pipeline.stageLatencies().entrySet()) {
      if (e.getValue().count() > 0) {
        list.add(of(e.getKey().metricName(), e.getValue().snapshot(), edgesMicros, 1e-3));
      }
    }
    list.add(of("total", pipeline.totalLatency().snapshot(), edgesMicros, 1e-3));
    return list;
  }

  private static int bin(double[] edges, double v) {
    int lo = 0;
    int hi = edges.length - 2;
    while (lo < hi) { // the last bin whose left edge is <= v
      int mid = (lo + hi + 1) >>> 1;
      if (edges[mid] <= v) {
        lo = mid;
      } else {
        hi = mid - 1;
      }
    }
    return lo;
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
