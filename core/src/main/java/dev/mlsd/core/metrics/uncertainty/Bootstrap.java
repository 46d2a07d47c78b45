package dev.mlsd.core.metrics.uncertainty;

import dev.mlsd.core.metrics.Checks;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Seeded percentile-bootstrap confidence intervals for any metric, over rows or over queries.
 *
 * <p>Each of {@code resamples} replicates draws n indices uniformly with replacement, evaluates the
 * metric on them, and the interval is the empirical (1 - level)/2 and (1 + level)/2 quantiles of
 * the replicates (linear interpolation between order statistics). The estimate is the metric on the
 * full data. The same seed, data and metric give the same interval on every run.
 *
 * <ul>
 *   <li>{@link #resample(int, IndexMetric)}: the general form; the metric receives the drawn
 *       indices (of rows, or of queries) and computes whatever it likes from them.
 *   <li>{@link #ofScores}: a score/label metric such as {@code RocAuc::compute}, resampling
 *       positives and negatives separately (stratified), so every replicate keeps the class counts
 *       and a metric undefined without positives stays defined.
 *   <li>{@link #ofMean}: the mean of per-query values (mean nDCG, MRR, mAP).
 *   <li>{@link #pairedDifference} and {@link #pairedMeanDifference}: metric(A) - metric(B) on the
 *       same resampled rows or queries. If the interval excludes 0, A and B differ at that level.
 * </ul>
 *
 * <p>Reference: Efron and Tibshirani, "An Introduction to the Bootstrap", 1993, chapter 13
 * (percentile intervals).
 *
 * <p>Thread safety: immutable; every call starts its own generator from the seed, so calls are
 * independent and may run concurrently (the metric passed in must be safe too).
 *
 * @param resamples the number of bootstrap replicates, at least 1 (1000 is usual; 200 for a quick
 *     look)
 * @param level the confidence level, in (0, 1), e.g. 0.95
 * @param seed the seed of the resampling generator
 */
public record Bootstrap(int resamples, double level, long seed) {

  /** A metric over the rows (or queries) whose indices are given, with repetition. */
  @FunctionalInterface
  public interface IndexMetric {
    /**
     * Computes the metric.
     *
     * @param indices n indices in [0, n), possibly repeated; owned by the caller, valid only during
     *     the call
     */
    double compute(int[] indices);
  }

  /** A metric of scores against labels, such as {@code RocAuc::compute}. */
  @FunctionalInterface
  public interface ScoreMetric {
    /** Computes the metric; the arrays are valid only during the call. */
    double compute(float[] scores, boolean[] labels);
  }

  /** Validates the parameters. */
  public Bootstrap {
    if (resamples < 1) {
      throw new IllegalArgumentException("resamples must be at least 1, got " + resamples);
    }
    if (!(level > 0 && level < 1)) {
      throw new IllegalArgumentException("level must be in (0, 1), got " + level);
    }
  }

  /** 1000 replicates at 95%. */
  public static Bootstrap of(long seed) {
    return new Bootstrap(1000, 0.95, seed);
  }

  /**
   * The general form: resamples n indices with replacement.
   *
   * @param n the number of rows or queries, at least 1
   * @param metric computes the metric over the given indices; the estimate uses 0..n-1
   */
  public ConfidenceInterval resample(int n, IndexMetric metric) {
    if (n < 1) {
      throw new IllegalArgumentException("n must be at least 1, got " + n);
    }
    int[] indices = new int[n];
    for (int i = 0; i < n; i++) {
      indices[i] = i;
    }
    double estimate = metric.compute(indices);
    SplittableRandom random = new SplittableRandom(seed);
    double[] replicates = new double[resamples];
    for (int b = 0; b < resamples; b++) {
      for (int i = 0; i < n; i++) {
        indices[i] = random.nextInt(n);
      }
      replicates[b] = metric.compute(indices);
    }
    return interval(estimate, replicates);
  }

  /**
   * A score/label metric, resampling positives and negatives separately.
   *
   * @param scores the scores, one per row
   * @param labels the labels, same length
   * @param metric e.g. {@code RocAuc::compute} or {@code LogLoss::compute}
   */
  public ConfidenceInterval ofScores(float[] scores, boolean[] labels, ScoreMetric metric) {
    Checks.sameLength(scores.length, labels.length, "scores and labels");
    Checks.nonEmpty(labels.length, "labels");
    float[] s = new float[scores.length];
    boolean[] y = new boolean[labels.length];
    return stratified(
        labels,
        metric.compute(scores, labels),
        rows -> metric.compute(gather(scores, rows, s), gather(labels, rows, y)));
  }

  /**
   * The mean of per-query (or per-row) values, resampling the values.
   *
   * @param values one value per query, none NaN
   */
  public ConfidenceInterval ofMean(double[] values) {
    Checks.nonEmpty(values.length, "values");
    noNaN(values, "values");
    return resample(values.length, idx -> mean(values, idx));
  }

  /**
   * metric(A) - metric(B) on the same stratified resamples of the rows.
   *
   * @param scoresA model A's scores
   * @param scoresB model B's scores, same rows
   * @param labels the labels, same length
   * @param metric the metric; for a lower-is-better metric a negative difference favours A
   */
  public ConfidenceInterval pairedDifference(
      float[] scoresA, float[] scoresB, boolean[] labels, ScoreMetric metric) {
    Checks.sameLength(scoresA.length, labels.length, "scoresA and labels");
    Checks.sameLength(scoresB.length, labels.length, "scoresB and labels");
    Checks.nonEmpty(labels.length, "labels");
    float[] a = new float[labels.length];
    float[] b = new float[labels.length];
    boolean[] y = new boolean[labels.length];
    return stratified(
        labels,
        metric.compute(scoresA, labels) - metric.compute(scoresB, labels),
        rows -> {
          gather(labels, rows, y);
          return metric.compute(gather(scoresA, rows, a), y)
              - metric.compute(gather(scoresB, rows, b), y);
        });
  }

  /**
   * mean(A) - mean(B) of per-query values on the same resampled queries.
   *
   * @param valuesA model A's value per query
   * @param valuesB model B's value per query, same queries in the same order
   */
  public ConfidenceInterval pairedMeanDifference(double[] valuesA, double[] valuesB) {
    Checks.sameLength(valuesA.length, valuesB.length, "valuesA and valuesB");
    Checks.nonEmpty(valuesA.length, "values");
    noNaN(valuesA, "valuesA");
    noNaN(valuesB, "valuesB");
    return resample(valuesA.length, idx -> mean(valuesA, idx) - mean(valuesB, idx));
  }

  /** Replicates over stratified resamples of the rows; {@code replicate} gets the drawn rows. */
  private ConfidenceInterval stratified(boolean[] labels, double estimate, IndexMetric replicate) {
    Strata strata = new Strata(labels);
    int[] rows = new int[labels.length];
    SplittableRandom random = new SplittableRandom(seed);
    double[] replicates = new double[resamples];
    for (int r = 0; r < resamples; r++) {
      strata.draw(random, rows);
      replicates[r] = replicate.compute(rows);
    }
    return interval(estimate, replicates);
  }

  private static float[] gather(float[] source, int[] rows, float[] target) {
    for (int i = 0; i < rows.length; i++) {
      target[i] = source[rows[i]];
    }
    return target;
  }

  private static boolean[] gather(boolean[] source, int[] rows, boolean[] target) {
    for (int i = 0; i < rows.length; i++) {
      target[i] = source[rows[i]];
    }
    return target;
  }

  private ConfidenceInterval interval(double estimate, double[] replicates) {
    for (int b = 0; b < replicates.length; b++) {
      if (Double.isNaN(replicates[b])) {
        throw new IllegalArgumentException("the metric returned NaN on bootstrap replicate " + b);
      }
    }
    Arrays.sort(replicates);
    double alpha = (1 - level) / 2;
    return new ConfidenceInterval(
        estimate, quantile(replicates, alpha), quantile(replicates, 1 - alpha), level);
  }

  /** The q-quantile of sorted values, linear between order statistics (R type 7). */
  static double quantile(double[] sorted, double q) {
    double h = (sorted.length - 1) * q;
    int lo = (int) Math.floor(h);
    int hi = Math.min(lo + 1, sorted.length - 1);
    return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
  }

  private static double mean(double[] values, int[] indices) {
    double sum = 0;
    for (int i : indices) {
      sum += values[i];
    }
    return sum / indices.length;
  }

  private static void noNaN(double[] values, String name) {
    for (int i = 0; i < values.length; i++) {
      if (Double.isNaN(values[i])) {
        throw new IllegalArgumentException(name + "[" + i + "] is NaN");
      }
    }
  }

  /** The row indices of each class; draws a stratified resample into a caller-owned array. */
  private static final class Strata {
    private final int[] positives;
    private final int[] negatives;

    Strata(boolean[] labels) {
      int p = Checks.countPositives(labels);
      positives = new int[p];
      negatives = new int[labels.length - p];
      int ip = 0;
      int in = 0;
      for (int i = 0; i < labels.length; i++) {
        if (labels[i]) {
          positives[ip++] = i;
        } else {
          negatives[in++] = i;
        }
      }
    }

    void draw(SplittableRandom random, int[] rows) {
      int r = 0;
      for (int i = 0; i < positives.length; i++) {
        rows[r++] = positives[random.nextInt(positives.length)];
      }
      for (int i = 0; i < negatives.length; i++) {
        rows[r++] = negatives[random.nextInt(negatives.length)];
      }
    }
  }
}
