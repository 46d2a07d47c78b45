package dev.mlsd.videosearch.evaluation;

import dev.mlsd.videosearch.data.SearchQuery;
import java.util.List;
import java.util.Locale;
import java.util.function.DoubleFunction;

/**
 * Tunes the weighted sum's text weight on the <em>validation</em> queries: tries {@code w = 0,
 * step, 2 step, ..., 1} and keeps the one with the highest validation MRR (ties: the smaller w).
 * The test queries are never seen here.
 *
 * <p>Thread safety: stateless.
 *
 * <p>Book: chapter 4, "Serving", fusion layer (the weights of the weighted sum).
 */
public final class FusionWeightTuning {
  private FusionWeightTuning() {}

  /**
   * The outcome.
   *
   * @param weights the weights tried
   * @param validationMrr the validation MRR of each
   * @param best the weight kept
   */
  public record Result(double[] weights, double[] validationMrr, double best) {
    /** One line for the demo: the weight kept and the two ends of the sweep. */
    public String describe() {
      int b = 0;
      for (int i = 0; i < weights.length; i++) {
        if (weights[i] == best) {
          b = i;
        }
      }
      int last = weights.length - 1;
      return String.format(
          Locale.ROOT,
          "w=%.2f kept (validation MRR %.4f; learned alone, w=0: %.4f; bm25 alone, w=1: %.4f)",
          best,
          validationMrr[b],
          validationMrr[0],
          validationMrr[last]);
    }
  }

  /**
   * Runs the sweep.
   *
   * @param validation the validation queries
   * @param retrieverForWeight builds the fused system for a weight
   * @param depth the evaluation depth
   * @param steps the number of steps between 0 and 1, at least 1
   */
  public static Result tune(
      List<SearchQuery> validation,
      DoubleFunction<Retriever> retrieverForWeight,
      int depth,
      int steps) {
    if (steps < 1) {
      throw new IllegalArgumentException("steps must be >= 1, got " + steps);
    }
    double[] w = new double[steps + 1];
    double[] mrr = new double[steps + 1];
    int best = 0;
    for (int i = 0; i <= steps; i++) {
      w[i] = (double) i / steps;
      double[] rr =
          QueryRankings.of("w", retrieverForWeight.apply(w[i]), validation, depth)
              .reciprocalRanks();
      double sum = 0;
      for (double x : rr) {
        sum += x;
      }
      mrr[i] = sum / rr.length;
      if (mrr[i] > mrr[best]) {
        best = i;
      }
    }
    return new Result(w, mrr, w[best]);
  }
}
