package dev.mlsd.harmful.evaluation;

import dev.mlsd.core.metrics.classification.MulticlassF1;
import dev.mlsd.core.metrics.classification.PrAuc;
import dev.mlsd.core.metrics.classification.Precision;
import dev.mlsd.core.metrics.classification.PrecisionRecallCurve;
import dev.mlsd.core.metrics.classification.Recall;
import dev.mlsd.core.metrics.classification.RocAuc;
import dev.mlsd.core.metrics.uncertainty.Bootstrap;
import dev.mlsd.core.metrics.uncertainty.ConfidenceInterval;
import dev.mlsd.harmful.data.HarmTask;
import dev.mlsd.harmful.data.ThreeClass;
import dev.mlsd.harmful.serving.EnforcementThresholds;
import java.util.ArrayList;
import java.util.List;

/**
 * Computes a model's offline metrics on the test split, every one from core's {@code
 * dev.mlsd.core.metrics} with a seeded 95% bootstrap interval: per category PR-AUC, ROC-AUC, and
 * precision and recall at the validation-chosen thresholds (stratified resampling of the rows); for
 * the derived three-class decision macro- and weighted F1 (plain resampling of the rows) and the
 * hate class's F1, precision and recall, the figures Davidson et al. report.
 *
 * <p>Thread safety: stateless.
 *
 * <p>Book: chapter 5, "Evaluation: offline metrics" (PR curve, PR-AUC, ROC-AUC per category).
 */
public final class OfflineEvaluation {
  private OfflineEvaluation() {}

  /**
   * Evaluates one model.
   *
   * @param model its name
   * @param p test scores {@code [task][post]}
   * @param y test labels {@code [task][post]}
   * @param authorsClass the authors' class of each test post
   * @param decision the three-class thresholds, chosen on validation
   * @param thresholds the enforcement thresholds, chosen on validation
   * @param bootstrap the resampling
   */
  public static ModelMetrics evaluate(
      String model,
      float[][] p,
      boolean[][] y,
      int[] authorsClass,
      ThreeClassDecision decision,
      EnforcementThresholds thresholds,
      Bootstrap bootstrap) {
    return evaluate(model, p, p, y, authorsClass, decision, thresholds, bootstrap);
  }

  /**
   * Evaluates one model whose three-class decision reads other scores than its heads: a network's
   * three-class head ({@code decisionScores[0]} p(hate), {@code [1]} p(offensive) from the
   * softmax).
   *
   * @param decisionScores the scores {@code decision} reads, {@code [2][post]}
   * @see #evaluate(String, float[][], boolean[][], int[], ThreeClassDecision,
   *     EnforcementThresholds, Bootstrap)
   */
  public static ModelMetrics evaluate(
      String model,
      float[][] p,
      float[][] decisionScores,
      boolean[][] y,
      int[] authorsClass,
      ThreeClassDecision decision,
      EnforcementThresholds thresholds,
      Bootstrap bootstrap) {
    List<TaskMetrics> tasks = new ArrayList<>();
    for (HarmTask task : HarmTask.values()) {
      int t = task.ordinal();
      float remove = thresholds.high(t);
      float review = thresholds.low(t);
      tasks.add(
          new TaskMetrics(
              task,
              bootstrap.ofScores(p[t], y[t], PrAuc::compute),
              bootstrap.ofScores(p[t], y[t], RocAuc::compute),
              remove,
              bootstrap.ofScores(p[t], y[t], (s, l) -> Precision.atThreshold(s, l, remove)),
              bootstrap.ofScores(p[t], y[t], (s, l) -> Recall.atThreshold(s, l, remove)),
              review,
              bootstrap.ofScores(p[t], y[t], (s, l) -> Precision.atThreshold(s, l, review)),
              bootstrap.ofScores(p[t], y[t], (s, l) -> Recall.atThreshold(s, l, review)),
              PrecisionRecallCurve.compute(p[t], y[t])));
    }
    int[] predicted = decision.decideAll(decisionScores);
    int n = predicted.length;
    int[] pr = new int[n];
    int[] ac = new int[n];
    ConfidenceInterval macro =
        bootstrap.resample(
            n,
            idx -> {
              gather(predicted, authorsClass, idx, pr, ac);
              return MulticlassF1.macro(pr, ac, ThreeClass.COUNT);
            });
    ConfidenceInterval weighted =
        bootstrap.resample(
            n,
            idx -> {
              gather(predicted, authorsClass, idx, pr, ac);
              return MulticlassF1.weighted(pr, ac, ThreeClass.COUNT);
            });
    boolean[] saidHate = new boolean[n];
    boolean[] isHate = new boolean[n];
    for (int i = 0; i < n; i++) {
      saidHate[i] = predicted[i] == ThreeClass.HATE;
      isHate[i] = authorsClass[i] == ThreeClass.HATE;
    }
    return new ModelMetrics(
        model,
        tasks,
        macro,
        weighted,
        MulticlassF1.perClass(predicted, authorsClass, ThreeClass.COUNT)[ThreeClass.HATE],
        Precision.compute(saidHate, isHate),
        Recall.compute(saidHate, isHate),
        decision);
  }

  /**
   * The hate PR-AUC of model A minus model B on the same stratified resamples of the test rows; an
   * interval above 0 means A is better beyond the noise.
   */
  public static ConfidenceInterval prAucDifference(
      float[] scoresA, float[] scoresB, boolean[] labels, Bootstrap bootstrap) {
    return bootstrap.pairedDifference(scoresA, scoresB, labels, PrAuc::compute);
  }

  private static void gather(int[] predicted, int[] actual, int[] idx, int[] pr, int[] ac) {
    for (int i = 0; i < idx.length; i++) {
      pr[i] = predicted[idx[i]];
      ac[i] = actual[idx[i]];
    }
  }
}
