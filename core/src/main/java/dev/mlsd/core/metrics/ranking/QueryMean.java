package dev.mlsd.core.metrics.ranking;

import dev.mlsd.core.metrics.Checks;
import java.util.Arrays;

/**
 * Averages a per-query ranking metric over queries: mean precision@k, recall@k, hit rate@k, MRR
 * ({@link ReciprocalRank}), mAP@k ({@link AveragePrecisionAtK}), binary nDCG@k ({@link Ndcg}).
 *
 * <pre>
 *   mean = (1 / |Q'|) * sum_{q in Q'} metric(ranked_q, relevant_q, k),   Q' = queries with a relevant item
 * </pre>
 *
 * Queries with no relevant item are left out: nothing could have been found for them, and counting
 * them as 0 would penalise every model alike. {@link #perQuery} returns the kept queries' values,
 * ready for {@link dev.mlsd.core.metrics.uncertainty.Bootstrap#ofMean}; {@link #evaluated} says how
 * many were kept.
 *
 * <p>Thread safety: stateless.
 */
public final class QueryMean {
  private QueryMean() {}

  /** A per-query metric of a ranked list against a relevant set at cut-off k. */
  @FunctionalInterface
  public interface QueryMetric {
    /** Computes the metric for one query. */
    double compute(int[] ranked, int[] relevant, int k);
  }

  /**
   * The mean of {@code metric} over queries that have a relevant item.
   *
   * @param rankings one ranked list per query
   * @param relevant the relevant item ids per query, same number of queries
   * @param k the cut-off, at least 1
   * @param metric e.g. {@code AveragePrecisionAtK::compute} for mAP@k
   * @throws IllegalArgumentException if no query has a relevant item
   */
  public static double mean(int[][] rankings, int[][] relevant, int k, QueryMetric metric) {
    double[] values = perQuery(rankings, relevant, k, metric);
    if (values.length == 0) {
      throw new IllegalArgumentException("no query has a relevant item");
    }
    double sum = 0;
    for (double v : values) {
      sum += v;
    }
    return sum / values.length;
  }

  /** The metric of each query that has a relevant item, in query order. */
  public static double[] perQuery(int[][] rankings, int[][] relevant, int k, QueryMetric metric) {
    Checks.sameLength(rankings.length, relevant.length, "rankings and relevant");
    Checks.positiveK(k);
    double[] values = new double[rankings.length];
    int kept = 0;
    for (int q = 0; q < rankings.length; q++) {
      if (relevant[q].length > 0) {
        values[kept++] = metric.compute(rankings[q], relevant[q], k);
      }
    }
    return Arrays.copyOf(values, kept);
  }

  /** The number of queries that have a relevant item (the queries {@link #mean} averages). */
  public static int evaluated(int[][] relevant) {
    int kept = 0;
    for (int[] r : relevant) {
      if (r.length > 0) {
        kept++;
      }
    }
    return kept;
  }
}
