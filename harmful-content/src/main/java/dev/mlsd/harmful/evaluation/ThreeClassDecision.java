package dev.mlsd.harmful.evaluation;

import dev.mlsd.core.metrics.classification.MulticlassF1;
import dev.mlsd.harmful.data.ThreeClass;

/**
 * Derives Davidson et al.'s three classes from the two heads, to compare with the authors: hate if
 * {@code p(hate) >= hateThreshold}; else offensive if the rule's offensive score reaches {@code
 * offensiveThreshold}; else neither. Hate is checked first because it is the more severe category.
 * The offensive score is {@link Rule#OFFENSIVE_HEAD} {@code p(offensive)}, or {@link
 * Rule#HARM_SCORE} {@code p(hate) + p(offensive)}: the chance the post is harmful at all, so a hate
 * post below the hate threshold falls to offensive rather than to neither (the offensive head
 * learns hate posts as negatives).
 *
 * <p>The two thresholds are chosen on the validation split to maximise macro-F1 ({@link #fit}), a
 * grid over each score's validation quantiles; never on test.
 *
 * @param hateThreshold the hate head's threshold
 * @param offensiveThreshold the offensive score's threshold
 * @param rule which offensive score
 */
public record ThreeClassDecision(float hateThreshold, float offensiveThreshold, Rule rule) {

  /** The offensive score of the decision. */
  public enum Rule {
    /** {@code p(offensive)}. */
    OFFENSIVE_HEAD,
    /** {@code p(hate) + p(offensive)}. */
    HARM_SCORE;

    float score(float pHate, float pOffensive) {
      return this == HARM_SCORE ? pHate + pOffensive : pOffensive;
    }
  }

  /** Grid points per score in {@link #fit}. */
  static final int GRID = 60;

  /** The decision with the {@link Rule#OFFENSIVE_HEAD} rule. */
  public ThreeClassDecision(float hateThreshold, float offensiveThreshold) {
    this(hateThreshold, offensiveThreshold, Rule.OFFENSIVE_HEAD);
  }

  /** The class of one post. */
  public int decide(float pHate, float pOffensive) {
    if (pHate >= hateThreshold) {
      return ThreeClass.HATE;
    }
    return rule.score(pHate, pOffensive) >= offensiveThreshold
        ? ThreeClass.OFFENSIVE
        : ThreeClass.NEITHER;
  }

  /** The class of every post; {@code p[t][i]} as from a classifier. */
  public int[] decideAll(float[][] p) {
    int[] c = new int[p[0].length];
    for (int i = 0; i < c.length; i++) {
      c[i] = decide(p[0][i], p[1][i]);
    }
    return c;
  }

  /** {@link #fit(float[][], int[], Rule)} with the {@link Rule#OFFENSIVE_HEAD} rule. */
  public static ThreeClassDecision fit(float[][] p, int[] authorsClass) {
    return fit(p, authorsClass, Rule.OFFENSIVE_HEAD);
  }

  /**
   * The thresholds that maximise macro-F1 on validation: each score's threshold is searched over
   * {@value #GRID} quantiles of its validation values (ties broken toward the lower threshold).
   *
   * @param p validation scores {@code [task][post]}
   * @param authorsClass the authors' class of each validation post
   * @param rule the offensive score
   */
  public static ThreeClassDecision fit(float[][] p, int[] authorsClass, Rule rule) {
    float[] offensive = new float[p[1].length];
    for (int i = 0; i < offensive.length; i++) {
      offensive[i] = rule.score(p[0][i], p[1][i]);
    }
    float[] hateGrid = quantiles(p[0]);
    float[] offensiveGrid = quantiles(offensive);
    double best = -1;
    ThreeClassDecision bestDecision = new ThreeClassDecision(0.5f, 0.5f, rule);
    for (float th : hateGrid) {
      for (float to : offensiveGrid) {
        ThreeClassDecision d = new ThreeClassDecision(th, to, rule);
        double f1 = MulticlassF1.macro(d.decideAll(p), authorsClass, ThreeClass.COUNT);
        if (f1 > best) {
          best = f1;
          bestDecision = d;
        }
      }
    }
    return bestDecision;
  }

  /**
   * An honest validation macro-F1 of the decision rule: the validation posts are cut into two
   * halves (alternate posts of each class, in order), the thresholds fitted on one half are scored
   * on the other and the other way round, and the two macro-F1s averaged. Fitting and scoring on
   * the same posts flatters whatever is compared; this does not, so candidates can be chosen on it.
   *
   * @param p validation scores {@code [task][post]}
   * @param authorsClass the authors' class of each validation post
   * @param rule the offensive score
   */
  public static double crossFittedMacroF1(float[][] p, int[] authorsClass, Rule rule) {
    int n = authorsClass.length;
    boolean[] inA = new boolean[n];
    int[] seen = new int[ThreeClass.COUNT];
    int sizeA = 0;
    for (int i = 0; i < n; i++) {
      inA[i] = seen[authorsClass[i]]++ % 2 == 0;
      sizeA += inA[i] ? 1 : 0;
    }
    float[][][] scores = {new float[2][sizeA], new float[2][n - sizeA]};
    int[][] classes = {new int[sizeA], new int[n - sizeA]};
    int[] next = new int[2];
    for (int i = 0; i < n; i++) {
      int h = inA[i] ? 0 : 1;
      scores[h][0][next[h]] = p[0][i];
      scores[h][1][next[h]] = p[1][i];
      classes[h][next[h]++] = authorsClass[i];
    }
    double sum = 0;
    for (int h = 0; h < 2; h++) {
      ThreeClassDecision d = fit(scores[h], classes[h], rule);
      sum += MulticlassF1.macro(d.decideAll(scores[1 - h]), classes[1 - h], ThreeClass.COUNT);
    }
    return sum / 2;
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
