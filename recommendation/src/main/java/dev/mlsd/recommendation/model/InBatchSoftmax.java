package dev.mlsd.recommendation.model;

import java.util.Arrays;

/**
 * The two-tower model's loss: a softmax over the batch's own videos. Row {@code r} of a batch is a
 * (user, watched video) pair; its user is scored against every video of the batch, and the loss is
 * the cross-entropy of the softmax over those {@code B} logits with the row's own video as the
 * label. The other rows' videos are the negatives, drawn in proportion to how often they are
 * watched, so each logit is corrected by {@link LogQCorrection}:
 *
 * <pre>
 *   s[r][c] = u_r . v_c - log Q(item_c)
 *   p[r][c] = exp(s[r][c]) / sum_c' exp(s[r][c'])
 *   loss    = -(1/B) sum_r sum_c t[r][c] log p[r][c]
 * </pre>
 *
 * where {@code t[r][.]} spreads the label evenly over the columns that hold the row's video (a
 * video twice in a batch is not its own negative). The gradient is {@code dL/ds[r][c] = (p[r][c] -
 * t[r][c]) / B}, so {@code dL/du_r = sum_c dL/ds[r][c] v_c} and {@code dL/dv_c = sum_r dL/ds[r][c]
 * u_r}.
 *
 * <p>Thread safety: not thread-safe; owns a {@code B x B} scratch matrix.
 *
 * <p>Book: chapter 6, "Model development" (two-tower network; softmax over sampled negatives).
 */
public final class InBatchSoftmax {
  private final int capacity;
  private final float[] grad;

  /**
   * @param capacity the largest batch this loss will see
   */
  public InBatchSoftmax(int capacity) {
    if (capacity < 2) {
      throw new IllegalArgumentException("a batch needs at least 2 rows, got " + capacity);
    }
    this.capacity = capacity;
    this.grad = new float[capacity * capacity];
  }

  /**
   * The batch's mean loss and its gradient with respect to both towers' outputs.
   *
   * @param u user embeddings, row-major {@code b x d}
   * @param v video embeddings of the rows' videos, row-major {@code b x d}
   * @param items the rows' videos (label and log-Q lookup)
   * @param b rows in the batch, 2 to the capacity
   * @param d embedding width
   * @param correction the sampling-bias correction
   * @param du receives {@code dL/du}, {@code b x d} (overwritten)
   * @param dv receives {@code dL/dv}, {@code b x d} (overwritten)
   * @return the mean cross-entropy over the batch's rows, in nats
   */
  public double lossAndGradient(
      float[] u,
      float[] v,
      int[] items,
      int b,
      int d,
      LogQCorrection correction,
      float[] du,
      float[] dv) {
    if (b < 2 || b > capacity) {
      throw new IllegalArgumentException("batch of " + b + " rows, capacity " + capacity);
    }
    double loss = 0;
    for (int r = 0; r < b; r++) {
      int o = r * b;
      double max = Double.NEGATIVE_INFINITY;
      for (int c = 0; c < b; c++) {
        float s = -correction.logQ(items[c]);
        for (int j = 0; j < d; j++) {
          s += u[r * d + j] * v[c * d + j];
        }
        grad[o + c] = s;
        max = Math.max(max, s);
      }
      double z = 0;
      int labels = 0;
      for (int c = 0; c < b; c++) {
        z += Math.exp(grad[o + c] - max);
        if (items[c] == items[r]) {
          labels++;
        }
      }
      double logZ = max + Math.log(z);
      double t = 1.0 / labels;
      for (int c = 0; c < b; c++) {
        double logP = grad[o + c] - logZ;
        boolean label = items[c] == items[r];
        if (label) {
          loss -= t * logP;
        }
        grad[o + c] = (float) ((Math.exp(logP) - (label ? t : 0)) / b);
      }
    }
    Arrays.fill(du, 0, b * d, 0f);
    Arrays.fill(dv, 0, b * d, 0f);
    for (int r = 0; r < b; r++) {
      for (int c = 0; c < b; c++) {
        float g = grad[r * b + c];
        for (int j = 0; j < d; j++) {
          du[r * d + j] += g * v[c * d + j];
          dv[c * d + j] += g * u[r * d + j];
        }
      }
    }
    return loss / b;
  }
}
