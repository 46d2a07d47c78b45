package dev.mlsd.harmful.evaluation;

import dev.mlsd.core.metrics.classification.MulticlassF1;
import dev.mlsd.harmful.data.ThreeClass;

/**
 * Derives Davidson et al.'s three classes from the two heads, to compare with the authors: hate if
 * {@code p(hate) >= hateThreshold}; else offensive if {@code p(offensive) >= offensiveThreshold};
 * else neither. Hate is checked first because it is the more severe category.
 *
 * <p>The two thresholds are chosen on the validation split to maximise macro-F1 ({@link #fit}), a
 * grid over each head's validation score quantiles; never on test.
 *
 * @param hateThreshold the hate head's threshold
 * @param offensiveThreshold the offensive head's threshold
 */
public record ThreeClassDecision(float hateThreshold, float offensiveThreshold) {

  /** Grid points per head in {@link #fit}. */
  static final int GRID = 60;

  /** The class of one post. */
  public int decide(float pHate, float pOffensive) {
    if (pHate >= hateThreshold) {
      return ThreeClass.HATE;
    }
    return pOffensive >= offensiveThreshold ? ThreeClass.OFFENSIVE : ThreeClass.NEITHER;
  }

  /** The class of every post; {@code p[t][i]} as from a classifier. */
  public int[] decideAll(float[][] p) {
    int[] c = new int[p[0].length];
    for (int i = 0; i < c.length; i++) {
      c[i] = decide(p[0][i], p[1][i]);
    }
    return c;
  }

  /**
   * The thresholds that maximise macro-F1 on validation: each head's threshold is searched over
   * {@value #GRID} quantiles of its validation scores (ties broken toward the lower threshold).
   *
   * @param p validation scores {@code [task][post]}
   * @param authorsClass the authors' class of each validation post
   */
  public static ThreeClassDecision fit(float[][] p, int[] authorsClass) {
    float[] hateGrid = quantiles(p[0]);
    float[] offensiveGrid = quantiles(p[1]);
    double best = -1;
    ThreeClassDecision bestDecision = new ThreeClassDecision(0.5f, 0.5f);
    for (float th : hateGrid) {
      for (float to : offensiveGrid) {
        ThreeClassDecision d = new ThreeClassDecision(th, to);
        double f1 = MulticlassF1.macro(d.decideAll(p), authorsClass, ThreeClass.COUNT);
        if (f1 > best) {
          best = f1;
          bestDecision = d;
        }
      }
    }
    return bestDecision;
  }

  private static float[] quantiles(float[] scores) {
    float[] sorted = scores.clone();
    java.util.Arrays.sort(sorted);
    float[] q = new float[GRID];
    for (int k = 0; k < GRID; k++) {
      // denser toward the top, where the thresholds of a rare class live
      double u = 1 - Math.pow(1 - (k + 0.5) / GRID, 2);
      q[k] = sorted[(int) Math.min(sorted.length - 1, Math.floor(u * sorted.length))];
    }
    return q;
  }
}
