package dev.mlsd.adctr.evaluation;

import dev.mlsd.adctr.features.EncodedRows;
import dev.mlsd.adctr.model.ClickModel;
import dev.mlsd.adctr.model.ModelSpec;
import dev.mlsd.adctr.model.PlattCalibrator;
import dev.mlsd.core.metrics.classification.LogLoss;
import dev.mlsd.core.metrics.classification.NormalizedCrossEntropy;
import dev.mlsd.core.metrics.classification.RocAuc;
import dev.mlsd.core.metrics.uncertainty.Bootstrap;
import dev.mlsd.core.metrics.uncertainty.ConfidenceInterval;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.LongConsumer;

/**
 * Evaluation by rolling origin over the time-ordered rows: cut the log into {@code chunks} equal
 * consecutive chunks; for {@code i = 1 .. chunks-1} train on chunks {@code 0..i-1} (its last tenth
 * held out for early stopping and Platt calibration) and predict chunk {@code i}; pool the
 * predictions of every origin and compute the metrics once over the pool. With 10,000 rows and 5
 * chunks the pool has 8,000 rows instead of 1,000, so the AUC interval is about a third as wide;
 * and every model is compared with the baseline on the same resamples (a paired bootstrap of the
 * AUC difference), which is what says whether a difference is inside the noise.
 *
 * <p>Book: chapter 8, "Evaluation"; this is the standard answer to "is the difference real" on
 * small data.
 */
public final class RollingOriginEvaluation {
  private RollingOriginEvaluation() {}

  /**
   * One model's pooled result.
   *
   * @param name the model
   * @param rows pooled rows
   * @param logLoss pooled log loss
   * @param nce pooled NCE
   * @param auc pooled AUC with bootstrap interval
   * @param aucMinusBaseline AUC minus the baseline's, paired bootstrap interval
   */
  public record Result(
      String name,
      int rows,
      double logLoss,
      double nce,
      ConfidenceInterval auc,
      ConfidenceInterval aucMinusBaseline) {}

  /**
   * Runs every model over every origin. The first spec is the baseline.
   *
   * @param rows all rows, time-ordered
   * @param chunks number of chunks, at least 2
   */
  public static List<Result> run(
      List<ModelSpec> specs, EncodedRows rows, int chunks, long seed, LongConsumer progress) {
    if (chunks < 2 || rows.size() < chunks * 10) {
      throw new IllegalArgumentException("need at least 2 chunks of 10 rows, got " + chunks);
    }
    int n = rows.size();
    int first = n / chunks;
    int pooled = n - first;
    boolean[] y = new boolean[pooled];
    System.arraycopy(rows.labels(), first, y, 0, pooled);
    List<float[]> preds = new ArrayList<>();
    for (ModelSpec spec : specs) {
      float[] p = new float[pooled];
      for (int i = 1; i < chunks; i++) {
        int trainEnd = (int) ((long) n * i / chunks);
        int testEnd = (int) ((long) n * (i + 1) / chunks);
        int valStart = trainEnd - Math.max(1, trainEnd / 10);
        ClickModel m =
            spec.trainer()
                .train(rows.slice(0, valStart), rows.slice(valStart, trainEnd), seed, progress);
        // each origin's model is calibrated on its own validation tail before pooling, so that
        // the pooled ranking is not distorted by calibration differences between origins
        EncodedRows val = rows.slice(valStart, trainEnd);
        PlattCalibrator cal = PlattCalibrator.fit(m.predict(val), val.labels());
        float[] pt = cal.apply(m.predict(rows.slice(trainEnd, testEnd)));
        System.arraycopy(pt, 0, p, trainEnd - first, pt.length);
      }
      preds.add(p);
    }
    Bootstrap b = new Bootstrap(500, 0.95, seed);
    List<Result> out = new ArrayList<>();
    for (int s = 0; s < specs.size(); s++) {
      float[] p = preds.get(s);
      out.add(
          new Result(
              specs.get(s).name(),
              pooled,
              LogLoss.compute(p, y),
              NormalizedCrossEntropy.compute(p, y),
              b.ofScores(p, y, RocAuc::compute),
              s == 0 ? null : b.pairedDifference(p, preds.get(0), y, RocAuc::compute)));
    }
    return out;
  }

  /** The results as a text table. */
  public static String table(List<Result> results) {
    StringBuilder sb = new StringBuilder();
    sb.append(
        String.format(
            Locale.ROOT,
            "%-12s %6s %7s %7s %-22s %s%n",
            "model",
            "rows",
            "logloss",
            "NCE",
            "ROC-AUC [95% CI]",
            "AUC - baseline [95% CI]"));
    for (Result r : results) {
      String diff =
          r.aucMinusBaseline() == null
              ? "(baseline)"
              : String.format(
                  Locale.ROOT,
                  "%+.4f [%+.4f,%+.4f] %s",
                  r.aucMinusBaseline().estimate(),
                  r.aucMinusBaseline().lower(),
                  r.aucMinusBaseline().upper(),
                  r.aucMinusBaseline().contains(0) ? "inside the noise" : "significant");
      sb.append(
          String.format(
              Locale.ROOT,
              "%-12s %6d %7.4f %7.4f %.4f [%.4f,%.4f] %s%n",
              r.name(),
              r.rows(),
              r.logLoss(),
              r.nce(),
              r.auc().estimate(),
              r.auc().lower(),
              r.auc().upper(),
              diff));
    }
    return sb.toString();
  }
}
