package dev.mlsd.recommendation.serving;

import dev.mlsd.core.serving.Candidates;
import dev.mlsd.core.serving.RequestScratch;
import dev.mlsd.recommendation.evaluation.EvaluationSet;
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
    return build(service, set, negativeKeep, seed, 0, query -> true);
  }

  /**
   * Builds the rows, optionally adding for every query a short-history copy: the same targets, with
   * only the last {@code shortHistory} rows of the history known, so that the ranker also learns
   * what a new user with a short session looks like (the cold-start distribution).
   *
   * @param service a service (its ranker is not used)
   * @param set the queries
   * @param negativeKeep share of negatives kept, in (0, 1]
   * @param seed seed of the down-sampling
   * @param shortHistory rows kept in the short-history copy, 0 for none
   * @param queries which query indices of the set to use
   */
  public static RankingDataset build(
      RecommendationService service,
      EvaluationSet set,
      double negativeKeep,
      long seed,
      int shortHistory,
      java.util.function.IntPredicate queries) {
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
    int used = 0;
    for (int v = 0; v < set.size() * (shortHistory > 0 ? 2 : 1); v++) {
      int i = v % set.size();
      boolean variant = v >= set.size();
      if (!queries.test(i)) {
        continue;
      }
      set.request(i, tmp);
      q.user.copyFrom(tmp);
      if (variant) {
        int keep = Math.min(shortHistory, tmp.length);
        q.user.reset(tmp.user, tmp.nowSeconds);
        for (int h = tmp.length - keep; h < tmp.length; h++) {
          q.user.add(tmp.items[h], tmp.ratings[h], 0);
        }
        q.user.lastSeconds = tmp.lastSeconds;
      }
      service.prepare(q);
      Candidates c = service.candidates(q, scratch);
      int[] rel = set.relevant(i);
      int hits = 0;
      if (!variant) {
        candidates += c.size();
        used++;
      }
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
      if (!variant) {
        recall += (double) hits / rel.length;
      }
    }
    int n = Math.max(1, used);
    return new RankingDataset(
        Arrays.copyOf(x, rows * width),
        Arrays.copyOf(y, rows),
        rows,
        width,
        recall / n,
        candidates / n);
  }
}
