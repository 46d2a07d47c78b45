package dev.mlsd.recommendation.model;

/**
 * The sampling-bias ("log-Q") correction of an in-batch softmax (Yi et al.,
 * "Sampling-Bias-Corrected Neural Modeling for Large Corpus Item Recommendations", RecSys 2019). In
 * a batch of positives drawn uniformly from the training examples, video {@code j} appears as a
 * negative with probability {@code Q(j) = count(j) / examples}; popular videos are over-sampled as
 * negatives, which pushes them down, unless each logit is corrected to {@code s(u, j) - log Q(j)}.
 *
 * <p>Here {@code count(j)} is exact (the training examples are known in advance), not streamed.
 * Videos never seen as a positive never enter a batch, so their correction is never read; it is
 * defined with a count of 1/2 so that it stays finite.
 *
 * <p>Thread safety: immutable.
 *
 * <p>Book: chapter 6, "Model development" (two-tower training with negatives sampled from the
 * batch).
 */
public final class LogQCorrection {
  private final float[] logQ;

  private LogQCorrection(float[] logQ) {
    this.logQ = logQ;
  }

  /**
   * The correction for a set of training examples.
   *
   * @param positiveItems the target video of every training example
   * @param items catalogue size
   * @return {@code log Q(j)} per video
   * @throws IllegalArgumentException if there is no example or an item is outside {@code [0,
   *     items)}
   */
  public static LogQCorrection of(int[] positiveItems, int items) {
    if (positiveItems.length == 0) {
      throw new IllegalArgumentException("no training examples");
    }
    int[] counts = new int[items];
    for (int item : positiveItems) {
      if (item < 0 || item >= items) {
        throw new IllegalArgumentException("item " + item + " outside [0, " + items + ")");
      }
      counts[item]++;
    }
    float[] logQ = new float[items];
    double n = positiveItems.length;
    for (int j = 0; j < items; j++) {
      logQ[j] = (float) Math.log(Math.max(counts[j], 0.5) / n);
    }
    return new LogQCorrection(logQ);
  }

  /** No correction: every {@code log Q} is 0 (the plain in-batch softmax). */
  public static LogQCorrection none(int items) {
    return new LogQCorrection(new float[items]);
  }

  /** {@code log Q(item)}, subtracted from every logit whose column is {@code item}. */
  public float logQ(int item) {
    return logQ[item];
  }
}
