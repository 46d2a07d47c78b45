package dev.mlsd.adctr.evaluation;

import dev.mlsd.adctr.data.ImpressionLog;
import dev.mlsd.adctr.data.TimeSplit;
import dev.mlsd.adctr.features.EncodedRows;
import dev.mlsd.adctr.features.FeaturePipeline;
import dev.mlsd.adctr.model.BackgroundCtr;
import dev.mlsd.adctr.model.ClickModel;
import dev.mlsd.adctr.model.ModelSpec;
import dev.mlsd.adctr.model.PlattCalibrator;
import dev.mlsd.core.io.ModelCard;
import dev.mlsd.core.metrics.calibration.DownsamplingRecalibration;
import dev.mlsd.core.metrics.classification.NormalizedCrossEntropy;
import dev.mlsd.core.metrics.classification.RocAuc;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.LongConsumer;

/**
 * One table, all models: each model of the lineup is trained on the training split (neural models
 * once per seed), re-calibrated on the validation split (Platt scaling; first the book's
 * down-sampling correction when negatives were down-sampled), and evaluated on the later test split
 * with {@link ModelMetrics}. The background-CTR predictor is the first row. Nothing is tuned on the
 * test split.
 *
 * <p>Book: chapter 8, "Evaluation: offline metrics".
 */
public final class ModelComparison {
  private ModelComparison() {}

  /**
   * One model's outcome.
   *
   * @param spec the lineup entry
   * @param model the model trained with the first seed (the one served and carded)
   * @param calibrator its Platt calibrator, fitted on validation
   * @param metrics its test metrics (first seed)
   * @param testPredictions its calibrated test predictions (first seed), for plots
   * @param seedAuc test AUC per seed
   * @param seedNce test NCE per seed
   * @param trainMillis training time of the first seed
   * @param negativeRate the negative down-sampling rate it was trained with
   */
  public record Entry(
      ModelSpec spec,
      ClickModel model,
      PlattCalibrator calibrator,
      ModelMetrics metrics,
      float[] testPredictions,
      double[] seedAuc,
      double[] seedNce,
      long trainMillis,
      double negativeRate) {
    /**
     * This model's card, from typed values: the data and its checksum, the split, the seed, the
     * hyper-parameters, the calibrator, its test metrics and training time.
     *
     * @param log the dataset trained on
     * @param split how it was split
     * @param pipeline the feature pipeline it reads
     * @param seed the seed of the first run (the carded one)
     * @param exportMaxAbsDiff largest |core inference - DL4J| after export (NaN if not exported)
     */
    public ModelCard card(
        ImpressionLog log,
        TimeSplit split,
        FeaturePipeline pipeline,
        long seed,
        double exportMaxAbsDiff) {
      Map<String, String> hp = new LinkedHashMap<>();
      hp.put("model", spec.hyperParameters());
      hp.put("pipeline", pipeline.params().toString());
      hp.put("calibration", "Platt a=" + calibrator.a() + " b=" + calibrator.b());
      if (!Double.isNaN(exportMaxAbsDiff)) {
        hp.put("export_max_abs_diff", String.format(Locale.ROOT, "%.2e", exportMaxAbsDiff));
      }
      Map<String, Double> m = new LinkedHashMap<>();
      m.put("nce", metrics.nce());
      m.put("log_loss", metrics.logLoss());
      m.put("auc", metrics.auc().estimate());
      m.put("pr_auc", metrics.prAuc());
      m.put("ece", metrics.ece());
      m.put("calibrated_ece", metrics.calibratedEce());
      return new ModelCard(
          spec.name(),
          "seed" + seed,
          log.schema().dataset(),
          log.sha256(),
          split.describe(),
          seed,
          hp,
          m,
          trainMillis,
          ModelCard.currentCodeVersion());
    }

    /** Mean of a per-seed metric. */
    public static double mean(double[] v) {
      double s = 0;
      for (double x : v) {
        s += x;
      }
      return s / v.length;
    }

    /** Sample standard deviation of a per-seed metric (0 for one seed). */
    public static double sd(double[] v) {
      if (v.length < 2) {
        return 0;
      }
      double m = mean(v);
      double s = 0;
      for (double x : v) {
        s += (x - m) * (x - m);
      }
      return Math.sqrt(s / (v.length - 1));
    }
  }

  /**
   * Trains and evaluates one lineup entry.
   *
   * @param seeds seeds to train with (neural models use all, others the first)
   * @param negativeRate negatives kept in training (1 = no down-sampling)
   */
  public static Entry run(
      ModelSpec spec,
      EncodedRows train,
      EncodedRows validation,
      EncodedRows test,
      long[] seeds,
      double negativeRate,
      LongConsumer progress) {
    int runs = spec.neural() ? seeds.length : 1;
    double[] auc = new double[runs];
    double[] nce = new double[runs];
    Entry first = null;
    for (int s = 0; s < runs; s++) {
      EncodedRows tr = downSample(train, negativeRate, seeds[s]);
      long t0 = System.nanoTime();
      ClickModel m = spec.trainer().train(tr, validation, seeds[s], progress);
      long ms = (System.nanoTime() - t0) / 1_000_000;
      float[] pv = correct(m.predict(validation), negativeRate);
      float[] pt = correct(m.predict(test), negativeRate);
      PlattCalibrator cal = PlattCalibrator.fit(pv, validation.labels());
      auc[s] = RocAuc.compute(pt, test.labels());
      nce[s] = NormalizedCrossEntropy.compute(pt, test.labels());
      if (s == 0) {
        String name =
            negativeRate < 1
                ? spec.name() + String.format(Locale.ROOT, " neg x%.2f", negativeRate)
                : spec.name();
        ModelMetrics mm = ModelMetrics.of(name, pt, test.labels(), cal, seeds[0]);
        first = new Entry(spec, m, cal, mm, cal.apply(pt), null, null, ms, negativeRate);
      }
    }
    return new Entry(
        first.spec(),
        first.model(),
        first.calibrator(),
        first.metrics(),
        first.testPredictions(),
        auc,
        nce,
        first.trainMillis(),
        negativeRate);
  }

  /** The background-CTR row: the training click rate for every test row. */
  public static ModelMetrics background(EncodedRows train, EncodedRows test, long seed) {
    BackgroundCtr b = BackgroundCtr.fit(train);
    return ModelMetrics.of(
        b.name(), b.predict(test), test.labels(), PlattCalibrator.IDENTITY, seed);
  }

  /** The book's correction for negatives kept at {@code rate}: q = p / (p + (1 - p) / rate). */
  static float[] correct(float[] p, double rate) {
    return rate < 1 ? DownsamplingRecalibration.recalibrate(p, rate) : p;
  }

  /** Keeps every click and each non-click with probability {@code rate}, in order. */
  static EncodedRows downSample(EncodedRows rows, double rate, long seed) {
    if (rate >= 1) {
      return rows;
    }
    SplittableRandom rnd = new SplittableRandom(seed ^ 0x5DEECE66DL);
    List<Integer> keep = new ArrayList<>();
    for (int i = 0; i < rows.size(); i++) {
      double u = rnd.nextDouble();
      if (rows.labels()[i] || u < rate) {
        keep.add(i);
      }
    }
    return rows.select(keep.stream().mapToInt(Integer::intValue).toArray());
  }

  /** The comparison as a fixed-width text table, background first, then the entries. */
  public static String table(ModelMetrics background, List<Entry> entries) {
    StringBuilder sb = new StringBuilder();
    sb.append(
        String.format(
            Locale.ROOT,
            "%-22s %7s %7s %-22s %7s %6s %6s | %7s %6s %6s%n",
            "model",
            "logloss",
            "NCE",
            "ROC-AUC [95% CI]",
            "PR-AUC",
            "ECE",
            "p/o",
            "cal.NCE",
            "calECE",
            "cal.p/o"));
    sb.append(row(background, null));
    for (Entry e : entries) {
      sb.append(row(e.metrics(), e));
    }
    return sb.toString();
  }

  private static String row(ModelMetrics m, Entry e) {
    String s =
        String.format(
            Locale.ROOT,
            "%-22s %7.4f %7.4f %.4f [%.4f,%.4f] %7.4f %6.4f %6.3f | %7.4f %6.4f %6.3f%n",
            m.name(),
            m.logLoss(),
            m.nce(),
            m.auc().estimate(),
            m.auc().lower(),
            m.auc().upper(),
            m.prAuc(),
            m.ece(),
            m.predictedObserved(),
            m.calibratedNce(),
            m.calibratedEce(),
            m.calibratedPredictedObserved());
    if (e != null && e.seedAuc().length > 1) {
      s +=
          String.format(
              Locale.ROOT,
              "%-22s over %d seeds: AUC %.4f +- %.4f (sd), NCE %.4f +- %.4f%n",
              "",
              e.seedAuc().length,
              Entry.mean(e.seedAuc()),
              Entry.sd(e.seedAuc()),
              Entry.mean(e.seedNce()),
              Entry.sd(e.seedNce()));
    }
    return s;
  }
}
