package dev.mlsd.recommendation.model;

import dev.mlsd.recommendation.data.Interactions;
import dev.mlsd.recommendation.data.TimeSplit;
import dev.mlsd.recommendation.features.FeaturePipeline;
import dev.mlsd.recommendation.features.UserRequest;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * The two-tower model's training examples, sequential as in YouTube's paper (Covington et al.,
 * RecSys 2016): for a training row of a warm user, the user features are computed from the rows
 * before it, at that row's time (through the same {@link FeaturePipeline#encodeUser} the server
 * calls), and the label is the video watched at that row. A heavy user contributes at most {@code
 * maxPerUser} rows, a seeded sample kept in time order, so that a few users do not dominate.
 *
 * @param userX user features, row-major {@code count x userWidth}
 * @param items the watched video of each example
 * @param count number of examples
 * @param userWidth user features per example
 */
public record TwoTowerExamples(float[] userX, int[] items, int count, int userWidth) {

  /**
   * Builds the examples from the training rows (cold users have none).
   *
   * @param split the split
   * @param features the shared feature pipeline
   * @param maxPerUser cap on examples per user, at least 1
   * @param seed seeds the sample of a heavy user's rows
   */
  public static TwoTowerExamples build(
      TimeSplit split, FeaturePipeline features, int maxPerUser, long seed) {
    Interactions log = split.interactions();
    int du = features.userFeatures().dimension();
    SplittableRandom rnd = new SplittableRandom(seed);
    int total = 0;
    for (int u = 0; u < log.userCount(); u++) {
      total += Math.max(0, Math.min(split.trainEnd(u) - log.start(u) - 1, maxPerUser));
    }
    float[] userX = new float[total * du];
    int[] items = new int[total];
    float[] row = new float[du];
    UserRequest request = new UserRequest(64);
    int t = 0;
    for (int u = 0; u < log.userCount(); u++) {
      int s = log.start(u);
      int n = split.trainEnd(u) - s - 1; // rows s+1 .. trainEnd-1 each have a row before them
      if (n <= 0) {
        continue;
      }
      int take = Math.min(n, maxPerUser);
      int[] rows = new int[n];
      for (int i = 0; i < n; i++) {
        rows[i] = s + 1 + i;
      }
      for (int i = 0; i < take; i++) {
        int j = i + rnd.nextInt(n - i);
        int tmp = rows[i];
        rows[i] = rows[j];
        rows[j] = tmp;
      }
      Arrays.sort(rows, 0, take);
      for (int i = 0; i < take; i++) {
        int r = rows[i];
        request.fill(log, u, s, r, log.timestamp(r));
        features.encodeUser(request, row);
        System.arraycopy(row, 0, userX, t * du, du);
        items[t++] = log.item(r);
      }
    }
    return new TwoTowerExamples(userX, items, total, du);
  }
}
