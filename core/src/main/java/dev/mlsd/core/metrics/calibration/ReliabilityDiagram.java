package dev.mlsd.core.metrics.calibration;

import dev.mlsd.core.metrics.Checks;
import dev.mlsd.core.metrics.ScoreOrder;

/**
 * The data of a reliability diagram: the predictions grouped into bins, and per bin the mean
 * predicted probability against the observed positive rate. A calibrated model has the points on
 * the diagonal.
 *
 * <p>Two binnings:
 *
 * <ul>
 *   <li>{@link #equalWidth}: B bins of width 1/B over [0, 1]; bin b holds p in [b/B, (b+1)/B), the
 *       last bin also holds p = 1. Bins may be empty: count 0, mean and rate NaN.
 *   <li>{@link #equalMass}: the rows sorted by p (ties by row index) and cut into B bins whose
 *       sizes differ by at most one (bin b holds sorted ranks [b n / B, (b+1) n / B)). Equal
 *       predictions may straddle a cut. Suits skewed predictions such as CTRs, where equal-width
 *       bins leave almost everything in the first bin.
 * </ul>
 *
 * <p>Book: chapter 8 (calibration). The arrays are owned by the record and not copied; record
 * equality is array identity.
 *
 * @param lower each bin's lower edge (equal width) or smallest prediction (equal mass)
 * @param upper each bin's upper edge (equal width) or largest prediction (equal mass)
 * @param counts the number of rows in each bin
 * @param meanPredicted the mean prediction in each bin, NaN if empty
 * @param observedRate the share of positive labels in each bin, NaN if empty
 */
public record ReliabilityDiagram(
    double[] lower, double[] upper, long[] counts, double[] meanPredicted, double[] observedRate) {

  /**
   * Bins of equal width over [0, 1].
   *
   * @param probabilities predicted P(positive) per row, each in [0, 1]
   * @param labels the true classes, same length, not empty
   * @param bins the number of bins, at least 1
   */
  public static ReliabilityDiagram equalWidth(float[] probabilities, boolean[] labels, int bins) {
    check(probabilities, labels, bins);
    double[] lower = new double[bins];
    double[] upper = new double[bins];
    long[] counts = new long[bins];
    double[] sumP = new double[bins];
    long[] positives = new long[bins];
    for (int b = 0; b < bins; b++) {
      lower[b] = (double) b / bins;
      upper[b] = (double) (b + 1) / bins;
    }
    for (int i = 0; i < labels.length; i++) {
      double p = probabilities[i];
      int b = Math.min((int) (p * bins), bins - 1);
      counts[b]++;
      sumP[b] += p;
      if (labels[i]) {
        positives[b]++;
      }
    }
    return finish(lower, upper, counts, sumP, positives);
  }

  /**
   * Bins of (almost) equal size.
   *
   * @param probabilities predicted P(positive) per row, each in [0, 1]
   * @param labels the true classes, same length
   * @param bins the number of bins, from 1 to the number of rows
   */
  public static ReliabilityDiagram equalMass(float[] probabilities, boolean[] labels, int bins) {
    check(probabilities, labels, bins);
    int n = labels.length;
    if (bins > n) {
      throw new IllegalArgumentException(
          "equal-mass binning needs at most one bin per row: " + bins + " bins, " + n + " rows");
    }
    int[] order = ScoreOrder.ascending(probabilities);
    double[] lower = new double[bins];
    double[] upper = new double[bins];
    long[] counts = new long[bins];
    double[] sumP = new double[bins];
    long[] positives = new long[bins];
    for (int b = 0; b < bins; b++) {
      int from = (int) ((long) b * n / bins);
      int to = (int) ((long) (b + 1) * n / bins);
      lower[b] = probabilities[order[from]];
      upper[b] = probabilities[order[to - 1]];
      counts[b] = to - from;
      for (int r = from; r < to; r++) {
        int i = order[r];
        sumP[b] += probabilities[i];
        if (labels[i]) {
          positives[b]++;
        }
      }
    }
    return finish(lower, upper, counts, sumP, positives);
  }

  /** The number of bins. */
  public int bins() {
    return counts.length;
  }

  /**
   * The expected calibration error of this binning: sum_b (n_b / n) |meanPredicted_b -
   * observedRate_b|, empty bins skipped.
   */
  public double expectedCalibrationError() {
    long n = 0;
    double weighted = 0;
    for (int b = 0; b < counts.length; b++) {
      if (counts[b] > 0) {
        n += counts[b];
        weighted += counts[b] * Math.abs(meanPredicted[b] - observedRate[b]);
      }
    }
    return weighted / n;
  }

  private static void check(float[] probabilities, boolean[] labels, int bins) {
    Checks.sameLength(probabilities.length, labels.length, "probabilities and labels");
    Checks.nonEmpty(labels.length, "labels");
    Checks.probabilities(probabilities, "probabilities");
    if (bins < 1) {
      throw new IllegalArgumentException("bins must be at least 1, got " + bins);
    }
  }

  private static ReliabilityDiagram finish(
      double[] lower, double[] upper, long[] counts, double[] sumP, long[] positives) {
    int bins = counts.length;
    double[] mean = new double[bins];
    double[] rate = new double[bins];
    for (int b = 0; b < bins; b++) {
      mean[b] = counts[b] == 0 ? Double.NaN : sumP[b] / counts[b];
      rate[b] = counts[b] == 0 ? Double.NaN : (double) positives[b] / counts[b];
    }
    return new ReliabilityDiagram(lower, upper, counts, mean, rate);
  }
}
