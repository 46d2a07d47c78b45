package dev.mlsd.harmful.evaluation;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The adoption rule for the pretrained word-vector family, fixed before its first validation run:
 * per network seed, the paired differences (with the family minus without) of validation hate
 * PR-AUC and of cross-fitted validation macro-F1 (offensive-head rule). The family is adopted when
 * one measure clears its margin in the mean with every seed's difference positive, and the other
 * loses no more than {@value #TOLERANCE} in the mean:
 *
 * <ul>
 *   <li>hate PR-AUC: mean difference at least {@value #PR_AUC_MARGIN} (about twice the standard
 *       error of a three-seed paired mean, seed noise being about 0.01 per network);
 *   <li>macro-F1: mean difference at least {@value #MACRO_F1_MARGIN}.
 * </ul>
 *
 * The LR's differences are reported beside them and do not decide (the served model is the
 * network).
 *
 * <p>Thread safety: none; one study at a time.
 *
 * <p>Book: chapter 5, "Evaluation" (offline metrics decide what ships).
 */
public final class WordVectorVerdict {
  /** The mean hate PR-AUC gain that adopts the family. */
  public static final double PR_AUC_MARGIN = 0.015;

  /** The mean macro-F1 gain that adopts the family. */
  public static final double MACRO_F1_MARGIN = 0.010;

  /** The most the other measure may lose in the mean. */
  public static final double TOLERANCE = 0.005;

  private final List<double[]> network = new ArrayList<>();
  private double[] lr;

  /**
   * Adds one network seed's measures.
   *
   * @param without {hate PR-AUC, macro-F1} without the family
   * @param with the same with it
   */
  public void network(double[] without, double[] with) {
    network.add(new double[] {with[0] - without[0], with[1] - without[1]});
  }

  /** Sets the LR's measures without and with the family (reported only). */
  public void lr(double[] without, double[] with) {
    lr = new double[] {with[0] - without[0], with[1] - without[1]};
  }

  /** Whether the family is adopted; false with no seeds. */
  public boolean adopted() {
    if (network.isEmpty()) {
      return false;
    }
    return clears(0, PR_AUC_MARGIN, 1) || clears(1, MACRO_F1_MARGIN, 0);
  }

  private boolean clears(int measure, double margin, int other) {
    for (double[] d : network) {
      if (d[measure] <= 0) {
        return false;
      }
    }
    return mean(measure) >= margin && mean(other) >= -TOLERANCE;
  }

  /** The mean over seeds of one measure's difference (0 hate PR-AUC, 1 macro-F1). */
  public double mean(int measure) {
    double s = 0;
    for (double[] d : network) {
      s += d[measure];
    }
    return network.isEmpty() ? Double.NaN : s / network.size();
  }

  /** The summary lines: every difference, the means, the rule and the verdict. */
  public List<String> report() {
    List<String> lines = new ArrayList<>();
    StringBuilder auc = new StringBuilder();
    StringBuilder f1 = new StringBuilder();
    for (double[] d : network) {
      auc.append(String.format(Locale.ROOT, " %+.3f", d[0]));
      f1.append(String.format(Locale.ROOT, " %+.3f", d[1]));
    }
    lines.add(
        String.format(
            Locale.ROOT,
            "DNN with - without, per seed: hate PR-AUC%s (mean %+.3f); macro-F1%s (mean %+.3f)",
            auc,
            mean(0),
            f1,
            mean(1)));
    if (lr != null) {
      lines.add(
          String.format(
              Locale.ROOT,
              "LR all families with - without: hate PR-AUC %+.3f; macro-F1 %+.3f",
              lr[0],
              lr[1]));
    }
    lines.add(
        String.format(
            Locale.ROOT,
            "rule: adopt if mean hate PR-AUC gain >= %.3f or mean macro-F1 gain >= %.3f, every"
                + " seed positive on that measure, the other measure's mean >= -%.3f",
            PR_AUC_MARGIN,
            MACRO_F1_MARGIN,
            TOLERANCE));
    lines.add("verdict: " + (adopted() ? "ADOPT" : "do not adopt (keep it an option)"));
    return lines;
  }
}
