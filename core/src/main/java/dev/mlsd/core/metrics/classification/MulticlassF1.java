package dev.mlsd.core.metrics.classification;

import dev.mlsd.core.metrics.Checks;

/**
 * F1 for several classes, one-vs-rest per class, then averaged.
 *
 * <ul>
 *   <li>per class c: F1_c = 2 TP_c / (2 TP_c + FP_c + FN_c);
 *   <li>macro F1 = the unweighted mean of F1_c over the classes present (in the labels or the
 *       predictions);
 *   <li>weighted F1 = sum_c support_c * F1_c / N, support_c = the number of rows whose true class
 *       is c;
 *   <li>micro F1 = 2 sum TP / (2 sum TP + sum FP + sum FN), which equals accuracy for single-label
 *       data.
 * </ul>
 *
 * <p>These match scikit-learn's {@code f1_score(average=...)} with {@code zero_division=0}. Range
 * [0, 1], higher is better. Book: chapter 5 (one classification head per harm category).
 *
 * <p>Thread safety: stateless.
 */
public final class MulticlassF1 {
  private MulticlassF1() {}

  /**
   * F1 of each class; a class absent from both labels and predictions gets NaN.
   *
   * @param predicted predicted class ids in [0, numClasses)
   * @param actual true class ids in [0, numClasses), same length, not empty
   * @param numClasses the number of classes, at least 2
   */
  public static double[] perClass(int[] predicted, int[] actual, int numClasses) {
    long[][] counts = counts(predicted, actual, numClasses);
    double[] f1 = new double[numClasses];
    for (int c = 0; c < numClasses; c++) {
      long tp = counts[0][c];
      long fp = counts[1][c];
      long fn = counts[2][c];
      long denominator = 2 * tp + fp + fn;
      f1[c] = denominator == 0 ? Double.NaN : (double) (2 * tp) / denominator;
    }
    return f1;
  }

  /** Macro F1: the mean of the per-class F1 over classes that occur in labels or predictions. */
  public static double macro(int[] predicted, int[] actual, int numClasses) {
    double[] f1 = perClass(predicted, actual, numClasses);
    double sum = 0;
    int present = 0;
    for (double v : f1) {
      if (!Double.isNaN(v)) {
        sum += v;
        present++;
      }
    }
    return sum / present;
  }

  /** Weighted F1: per-class F1 weighted by each class's share of the true labels. */
  public static double weighted(int[] predicted, int[] actual, int numClasses) {
    double[] f1 = perClass(predicted, actual, numClasses);
    long[] support = counts(predicted, actual, numClasses)[3];
    double sum = 0;
    for (int c = 0; c < numClasses; c++) {
      if (support[c] > 0) {
        sum += support[c] * f1[c];
      }
    }
    return sum / actual.length;
  }

  /** Micro F1: pooled counts over classes; equals accuracy for single-label data. */
  public static double micro(int[] predicted, int[] actual, int numClasses) {
    long[][] counts = counts(predicted, actual, numClasses);
    long tp = 0;
    long fp = 0;
    long fn = 0;
    for (int c = 0; c < numClasses; c++) {
      tp += counts[0][c];
      fp += counts[1][c];
      fn += counts[2][c];
    }
    return (double) (2 * tp) / (2 * tp + fp + fn);
  }

  /** Rows: TP, FP, FN, support, each indexed by class. */
  private static long[][] counts(int[] predicted, int[] actual, int numClasses) {
    Checks.sameLength(predicted.length, actual.length, "predicted and actual");
    Checks.nonEmpty(actual.length, "actual");
    if (numClasses < 2) {
      throw new IllegalArgumentException("numClasses must be at least 2, got " + numClasses);
    }
    long[][] counts = new long[4][numClasses];
    for (int i = 0; i < actual.length; i++) {
      int p = predicted[i];
      int a = actual[i];
      if (p < 0 || p >= numClasses || a < 0 || a >= numClasses) {
        throw new IllegalArgumentException(
            "row " + i + ": class ids " + p + ", " + a + " outside [0, " + numClasses + ")");
      }
      counts[3][a]++;
      if (p == a) {
        counts[0][a]++;
      } else {
        counts[1][p]++;
        counts[2][a]++;
      }
    }
    return counts;
  }
}
