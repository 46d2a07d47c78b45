package dev.mlsd.recommendation.evaluation;

import dev.mlsd.core.metrics.lists.CatalogCoverage;
import dev.mlsd.core.metrics.lists.IntraListDiversity;
import dev.mlsd.core.metrics.lists.ItemSimilarity;
import dev.mlsd.core.metrics.ranking.AveragePrecisionAtK;
import dev.mlsd.core.metrics.ranking.Ndcg;
import dev.mlsd.core.metrics.ranking.PrecisionAtK;
import dev.mlsd.core.metrics.ranking.QueryMean;
import dev.mlsd.core.metrics.ranking.RecallAtK;
import dev.mlsd.core.metrics.uncertainty.Bootstrap;
import dev.mlsd.recommendation.features.UserRequest;
import java.util.Arrays;

/**
 * Runs a {@link Recommender} over an {@link EvaluationSet} and computes the book's offline metrics
 * with the core implementations: precision@k, recall@k, mAP@k and nDCG@k at k = 10 and 50 (and
 * recall@200 for candidate generators), intra-list diversity of the top 10 on genres, catalogue
 * coverage of the top 10, and a seeded percentile-bootstrap interval on nDCG@10 over users.
 *
 * <p>Protocol: full ranking over all items minus the user's history; relevant = items the user
 * liked (rating &gt;= 4) in the held-out period.
 *
 * <p>Thread safety: immutable; each call is independent (the recommender is called from the calling
 * thread only).
 *
 * <p>Book: chapter 6, "Evaluation", offline metrics.
 */
public final class OfflineEvaluator {
  private final ItemSimilarity similarity;
  private final int catalogSize;
  private final Bootstrap bootstrap;

  /**
   * @param similarity item similarity for diversity
   * @param catalogSize items in the catalogue, for coverage
   * @param bootstrap the bootstrap for nDCG@10's interval
   */
  public OfflineEvaluator(ItemSimilarity similarity, int catalogSize, Bootstrap bootstrap) {
    this.similarity = similarity;
    this.catalogSize = catalogSize;
    this.bootstrap = bootstrap;
  }

  /**
   * Evaluates one recommender.
   *
   * @param r the recommender
   * @param set the queries
   * @param withRecall200 also ask for 200 items and report recall@200
   */
  public MetricRow evaluate(Recommender r, EvaluationSet set, boolean withRecall200) {
    int n = set.size();
    int depth = withRecall200 ? 200 : 50;
    int[][] lists = new int[n][];
    int[][] relevant = new int[n][];
    int[] buf = new int[depth];
    UserRequest req = new UserRequest(256);
    for (int q = 0; q < n; q++) {
      set.request(q, req);
      int got = r.recommend(req, depth, buf);
      lists[q] = Arrays.copyOf(buf, got);
      relevant[q] = set.relevant(q);
    }
    return score(r.name(), set, lists, relevant, withRecall200);
  }

  /** Computes a row from ready lists (used by the pipeline, which records its own lists). */
  public MetricRow score(
      String name, EvaluationSet set, int[][] lists, int[][] relevant, boolean withRecall200) {
    double[] ndcg10 = QueryMean.perQuery(lists, relevant, 10, Ndcg::compute);
    double[] recall10 = QueryMean.perQuery(lists, relevant, 10, RecallAtK::compute);
    int[][] top10 = new int[lists.length][];
    for (int q = 0; q < lists.length; q++) {
      top10[q] = Arrays.copyOf(lists[q], Math.min(10, lists[q].length));
    }
    double diversity = 0;
    int counted = 0;
    for (int[] l : top10) {
      if (l.length >= 2) {
        diversity += IntraListDiversity.compute(l, similarity);
        counted++;
      }
    }
    return new MetricRow(
        name,
        set.part().name().toLowerCase(java.util.Locale.ROOT),
        lists.length,
        QueryMean.mean(lists, relevant, 10, PrecisionAtK::compute),
        mean(recall10),
        QueryMean.mean(lists, relevant, 10, AveragePrecisionAtK::compute),
        mean(ndcg10),
        QueryMean.mean(lists, relevant, 50, PrecisionAtK::compute),
        QueryMean.mean(lists, relevant, 50, RecallAtK::compute),
        QueryMean.mean(lists, relevant, 50, AveragePrecisionAtK::compute),
        QueryMean.mean(lists, relevant, 50, Ndcg::compute),
        withRecall200 ? QueryMean.mean(lists, relevant, 200, RecallAtK::compute) : Double.NaN,
        counted == 0 ? Double.NaN : diversity / counted,
        CatalogCoverage.compute(top10, catalogSize),
        bootstrap.ofMean(ndcg10),
        ndcg10,
        recall10);
  }

  private static double mean(double[] v) {
    double s = 0;
    for (double x : v) {
      s += x;
    }
    return v.length == 0 ? Double.NaN : s / v.length;
  }
}
