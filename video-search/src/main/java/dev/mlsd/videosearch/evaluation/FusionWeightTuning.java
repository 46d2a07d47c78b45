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
    /** One line per weight, for the demo. */
    public String describe() {
      StringBuilder sb = new StringBuilder();
      for (int i = 0; i < weights.length; i++) {
        sb.append(String.format(Locale.ROOT, "w=%.2f: %.4f  ", weights[i], validationMrr[i]));
      }
      return sb.toString().trim();
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
