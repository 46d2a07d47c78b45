package dev.mlsd.core.report;

import dev.mlsd.core.metrics.calibration.ReliabilityDiagram;
import dev.mlsd.core.metrics.classification.PrecisionRecallCurve;
import dev.mlsd.core.metrics.classification.RocCurve;
import java.util.Arrays;

/**
 * The evaluation curves of the book as chart series, computed by {@code dev.mlsd.core.metrics}: ROC
 * and precision-recall curves and reliability diagrams, one model per series.
 *
 * <p>Thread safety: stateless.
 */
public final class Curves {
  private Curves() {}

  /** The ROC curve of {@code scores} (false positive rate, true positive rate). */
  public static Series roc(String name, float[] scores, boolean[] labels) {
    RocCurve c = RocCurve.compute(scores, labels);
    return new Series(name, c.falsePositiveRates(), c.truePositiveRates());
  }

  /** The precision-recall curve of {@code scores} (recall, precision). */
  public static Series precisionRecall(String name, float[] scores, boolean[] labels) {
    PrecisionRecallCurve c = PrecisionRecallCurve.compute(scores, labels);
    return new Series(name, c.recalls(), c.precisions());
  }

  /**
   * A reliability diagram of probabilities: per non-empty bin of equal width, the mean predicted
   * probability (x) and the observed positive rate (y). Book: chapter 8, calibration.
   */
  public static Series reliability(String name, float[] probabilities, boolean[] labels, int bins) {
    ReliabilityDiagram d = ReliabilityDiagram.equalWidth(probabilities, labels, bins);
    double[] x = new double[bins];
    double[] y = new double[bins];
    int n = 0;
    for (int i = 0; i < bins; i++) {
      if (d.counts()[i] > 0) {
        x[n] = d.meanPredicted()[i];
        y[n] = d.observedRate()[i];
        n++;
      }
    }
    return new Series(name, Arrays.copyOf(x, n), Arrays.copyOf(y, n));
  }
}
