package dev.mlsd.harmful.features;

/**
 * Inverse document frequency of each hash bucket, learned from the training posts only: {@code
 * idf(k) = ln((1 + N) / (1 + df(k))) + 1} (the smoothed form; {@code df(k)} counts the posts with
 * an id in bucket {@code k}), then divided by its mean over the training ids so the average id
 * keeps weight 1 and the bag's scale does not change. A bucket never seen in training gets the
 * largest weight, as a term seen in no document would.
 *
 * <p>Used as the per-id weights of the network's n-gram bag (tf-idf instead of tf); the served
 * graph folds them into its embedding rows, so serving computes nothing new.
 *
 * <p>Thread safety: stateless.
 *
 * <p>Book: chapter 5, "Feature engineering: text content" (TF-IDF vectorisation).
 */
public final class InverseDocumentFrequency {
  private InverseDocumentFrequency() {}

  /**
   * The weight of every bucket, from the training posts.
   *
   * @return {@code buckets} weights, mean 1 over the training posts' ids
   */
  public static float[] fit(EncodedPosts train) {
    int[] df = new int[train.buckets()];
    int[] lastSeen = new int[train.buckets()];
    java.util.Arrays.fill(lastSeen, -1);
    for (int i = 0; i < train.size(); i++) {
      for (int k = train.offsets()[i]; k < train.offsets()[i + 1]; k++) {
        int id = train.ids()[k];
        if (lastSeen[id] != i) {
          lastSeen[id] = i;
          df[id]++;
        }
      }
    }
    double n = train.size();
    double[] idf = new double[df.length];
    for (int k = 0; k < df.length; k++) {
      idf[k] = Math.log((1 + n) / (1 + df[k])) + 1;
    }
    double sum = 0;
    for (int id : train.ids()) {
      sum += idf[id];
    }
    double mean = train.ids().length == 0 ? 1 : sum / train.ids().length;
    float[] w = new float[df.length];
    for (int k = 0; k < w.length; k++) {
      w[k] = (float) (idf[k] / mean);
    }
    return w;
  }
}
