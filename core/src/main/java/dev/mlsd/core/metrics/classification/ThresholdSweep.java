package dev.mlsd.core.metrics.classification;

import dev.mlsd.core.metrics.Checks;
import dev.mlsd.core.metrics.ScoreOrder;

/**
 * The cumulative true- and false-positive counts at every distinct score, highest score first: the
 * one pass that ROC and PR curves and their areas share. Point j predicts positive every row with
 * score {@code >= thresholds[j]}; tied scores always fall on the same side, so ties are exact.
 */
final class ThresholdSweep {
  final float[] thresholds;
  final long[] truePositives;
  final long[] falsePositives;
  final long positives;
  final long negatives;

  private ThresholdSweep(float[] thresholds, long[] tp, long[] fp, long positives, long negatives) {
    this.thresholds = thresholds;
    this.truePositives = tp;
    this.falsePositives = fp;
    this.positives = positives;
    this.negatives = negatives;
  }

  static ThresholdSweep of(float[] scores, boolean[] labels) {
    Checks.sameLength(scores.length, labels.length, "scores and labels");
    Checks.nonEmpty(scores.length, "scores");
    Checks.noNaN(scores, "scores");
    int[] order = ScoreOrder.descending(scores);
    int n = order.length;
    float[] thresholds = new float[n];
    long[] tp = new long[n];
    long[] fp = new long[n];
    int points = 0;
    long cumTp = 0;
    long cumFp = 0;
    for (int r = 0; r < n; r++) {
      int i = order[r];
      if (labels[i]) {
        cumTp++;
      } else {
        cumFp++;
      }
      // Close a point only after the last row of a group of equal scores.
      if (r == n - 1 || scores[order[r + 1]] != scores[i]) {
        thresholds[points] = scores[i];
        tp[points] = cumTp;
        fp[points] = cumFp;
        points++;
      }
    }
    return new ThresholdSweep(
        java.util.Arrays.copyOf(thresholds, points),
        java.util.Arrays.copyOf(tp, points),
        java.util.Arrays.copyOf(fp, points),
        cumTp,
        cumFp);
  }

  int size() {
    return thresholds.length;
  }

  void requirePositives(String metric) {
    if (positives == 0) {
      throw new IllegalArgumentException(metric + " is undefined: no positive labels");
    }
  }

  void requireNegatives(String metric) {
    if (negatives == 0) {
      throw new IllegalArgumentException(metric + " is undefined: no negative labels");
    }
  }
}
