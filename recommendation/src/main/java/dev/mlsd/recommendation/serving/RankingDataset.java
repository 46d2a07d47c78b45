package dev.mlsd.recommendation.serving;

import dev.mlsd.core.serving.Candidates;
import dev.mlsd.core.serving.RequestScratch;
import dev.mlsd.recommendation.evaluation.EvaluationSet;
import dev.mlsd.recommendation.evaluation.PipelineRecommender;
import dev.mlsd.recommendation.features.UserRequest;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * The scoring model's training rows: for every query of an evaluation set (the validation period:
 * history = training rows), the merged, filtered, hydrated candidates of the served pipeline, label
 * 1 if the user liked the candidate in the held-out period. Negatives are kept with probability
 * {@code negativeKeep}; every positive is kept. Also measures the merged candidate set's recall.
 *
 * @param x row-major features
 * @param y labels
 * @param rows rows
 * @param width features per row
 * @param mergedRecall mean share of each query's relevant items present in its candidate set
 * @param meanCandidates mean candidate-set size after filtering
 */
public record RankingDataset(
    float[] x, float[] y, int rows, int width, double mergedRecall, double meanCandidates) {

  /**
   * Builds the rows.
   *
   * @param service a service (its ranker is not used)
   * @param set the queries
   * @param negativeKeep share of negatives kept, in (0, 1]
   * @param seed seed of the down-sampling
   */
  public static RankingDataset build(
      RecommendationService service, EvaluationSet set, double negativeKeep, long seed) {
    RecoRequest q = service.newRequest();
    RequestScratch scratch = service.newCandidateScratch();
    UserRequest tmp = new UserRequest(256);
    int width = RankingFeatureHydrator.COLUMNS;
    float[] x = new float[1 << 16];
    float[] y = new float[1 << 12];
    int rows = 0;
    double recall = 0;
    double candidates = 0;
    SplittableRandom rnd = new SplittableRandom(seed);
    for (int i = 0; i < set.size(); i++) {
      set.request(i, tmp);
      PipelineRecommender.copy(tmp, q.user);
      service.prepare(q);
      Candidates c = service.candidates(q, scratch);
      int[] rel = set.relevant(i);
      int hits = 0;
      candidates += c.size();
      for (int pos = 0; pos < c.size(); pos++) {
        boolean positive = Arrays.binarySearch(rel, c.id(pos)) >= 0;
        hits += positive ? 1 : 0;
        if (!positive && rnd.nextDouble() >= negativeKeep) {
          continue;
        }
        if ((rows + 1) * width > x.length) {
          x = Arrays.copyOf(x, x.length * 2);
        }
        if (rows + 1 > y.length) {
          y = Arrays.copyOf(y, y.length * 2);
        }
        System.arraycopy(c.features(), c.featureOffset(pos), x, rows * width, width);
        for (int j = 0; j < width; j++) {
          if (!Float.isFinite(x[rows * width + j])) {
            throw new IllegalStateException(
                "ranking feature " + j + " of item " + c.id(pos) + " is " + x[rows * width + j]);
          }
        }
        y[rows++] = positive ? 1f : 0f;
      }
      recall += (double) hits / rel.length;
    }
    int n = Math.max(1, set.size());
    return new RankingDataset(
        Arrays.copyOf(x, rows * width),
        Arrays.copyOf(y, rows),
        rows,
        width,
        recall / n,
        candidates / n);
  }
}
