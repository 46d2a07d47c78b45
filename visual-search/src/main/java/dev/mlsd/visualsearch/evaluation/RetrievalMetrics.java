package dev.mlsd.visualsearch.evaluation;

import dev.mlsd.core.metrics.ranking.AveragePrecisionAtK;
import dev.mlsd.core.metrics.ranking.Dcg;
import dev.mlsd.core.metrics.ranking.Ndcg;
import dev.mlsd.core.metrics.ranking.PrecisionAtK;
import dev.mlsd.core.metrics.ranking.RecallAtK;
import dev.mlsd.core.metrics.ranking.ReciprocalRank;
import dev.mlsd.core.metrics.uncertainty.Bootstrap;
import dev.mlsd.core.metrics.uncertainty.ConfidenceInterval;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * The book's offline retrieval metrics for one embedder's ranked lists, computed per query by
 * core's {@code dev.mlsd.core.metrics.ranking} and averaged, each with a bootstrap interval over
 * queries (core's {@link Bootstrap}): mAP@10, nDCG@10 (binary and graded, see {@link
 * ClassRelevance}), MRR (over the whole retrieved depth, {@link #MAX_CURVE_DEPTH}), precision@10,
 * recall@10, and recall@k at the {@code curveK} cut-offs for the recall@k curve.
 *
 * <p>With same-class relevance every query has thousands of relevant gallery images, so recall@10
 * is at most 10 / |class| and is reported for completeness; the recall@k curve (up to {@link
 * #MAX_CURVE_DEPTH}, a sixth of a Fashion-MNIST class) is the informative form.
 *
 * <p>Book: chapter 2, "Offline metrics" (MRR, recall@k, precision@k, mAP, nDCG).
 *
 * @param metrics metric name (snake case, e.g. {@code map@10}) to its interval
 * @param curveK the recall@k cut-offs
 * @param curve mean recall at each cut-off
 * @param averagePrecision AP@10 of each query (for paired comparisons between embedders)
 */
public record RetrievalMetrics(
    Map<String, ConfidenceInterval> metrics,
    int[] curveK,
    double[] curve,
    double[] averagePrecision) {

  /** The cut-off of the headline metrics. */
  public static final int K = 10;

  /**
   * Computes every metric.
   *
   * @param ranked {@code ranked[q]}: gallery ids, best first, at least {@code max(curveK)} deep
   *     when the gallery allows
   * @param queryLabels the class of each query
   * @param galleryLabels the class of each gallery image
   * @param galleryByClass the gallery ids of each class, ascending
   * @param relevance the grades for graded nDCG
   * @param curveK recall@k cut-offs, ascending
   * @param bootstrap resampling of queries
   */
  public static RetrievalMetrics compute(
      int[][] ranked,
      int[] queryLabels,
      int[] galleryLabels,
      int[][] galleryByClass,
      ClassRelevance relevance,
      int[] curveK,
      Bootstrap bootstrap) {
    int n = ranked.length;
    double[] ap = new double[n];
    double[] ndcg = new double[n];
    double[] graded = new double[n];
    double[] rr = new double[n];
    double[] p10 = new double[n];
    double[] r10 = new double[n];
    double[][] curveValues = new double[curveK.length][n];
    double[] idealGrades = new double[K];
    java.util.Arrays.fill(idealGrades, ClassRelevance.TOP_GRADE);
    double ideal = Dcg.ofRelevances(idealGrades, K);
    IntStream.range(0, n)
        .parallel()
        .forEach(
            q -> {
              int[] list = ranked[q];
              int[] relevant = galleryByClass[queryLabels[q]];
              ap[q] = AveragePrecisionAtK.compute(list, relevant, K);
              ndcg[q] = Ndcg.compute(list, relevant, K);
              double[] grades = new double[Math.min(K, list.length)];
              for (int i = 0; i < grades.length; i++) {
                grades[i] = relevance.grade(queryLabels[q], galleryLabels[list[i]]);
              }
              graded[q] = Dcg.ofRelevances(grades, K) / ideal;
              rr[q] = ReciprocalRank.compute(list, relevant, Math.max(1, list.length));
              p10[q] = PrecisionAtK.compute(list, relevant, K);
              r10[q] = RecallAtK.compute(list, relevant, K);
              for (int c = 0; c < curveK.length; c++) {
                curveValues[c][q] = RecallAtK.compute(list, relevant, curveK[c]);
              }
            });
    Map<String, ConfidenceInterval> m = new LinkedHashMap<>();
    m.put("map@10", bootstrap.ofMean(ap));
    m.put("ndcg@10", bootstrap.ofMean(ndcg));
    m.put("graded_ndcg@10", bootstrap.ofMean(graded));
    m.put("mrr", bootstrap.ofMean(rr));
    m.put("precision@10", bootstrap.ofMean(p10));
    m.put("recall@10", bootstrap.ofMean(r10));
    double[] curve = new double[curveK.length];
    for (int c = 0; c < curveK.length; c++) {
      curve[c] = java.util.Arrays.stream(curveValues[c]).average().orElse(0);
    }
    return new RetrievalMetrics(m, curveK.clone(), curve, ap);
  }

  /**
   * The deepest recall@k cut-off, and so the depth of every exact top list: 1,000. Going to the
   * class size (6,000 on Fashion-MNIST) made the selection and the curve's hit counting six times
   * deeper for every query (with {@link ExactSearch}'s former reordering copy, minutes per encoder
   * on a loaded 2-core machine); the headline metrics read only the top 10, so they are the same at
   * this depth, and MRR (the first relevant hit) differs only for a query with nothing relevant in
   * its top 1,000, by less than 1/1,000 for that query.
   */
  public static final int MAX_CURVE_DEPTH = 1_000;

  /**
   * The recall@k cut-offs for a gallery whose largest class has {@code classSize} images: 1, 5, 10,
   * 20, 50, 100, 200, 500, then {@code min(classSize, MAX_CURVE_DEPTH)}.
   */
  public static int[] curveCutoffs(int classSize) {
    int deepest = Math.min(classSize, MAX_CURVE_DEPTH);
    int[] base = {1, 5, 10, 20, 50, 100, 200, 500};
    java.util.List<Integer> ks = new java.util.ArrayList<>();
    for (int k : base) {
      if (k < deepest) {
        ks.add(k);
      }
    }
    ks.add(deepest);
    return ks.stream().mapToInt(Integer::intValue).toArray();
  }
}
