package dev.mlsd.recommendation.model;

/**
 * One block of weights being trained with Adam (Kingma and Ba, 2015): the weights (shared with the
 * model, updated in place), their gradient accumulated over a batch, and Adam's two moment
 * estimates.
 *
 * <p>Entries whose gradient is exactly zero in a step are left alone (their moments are not
 * decayed): "lazy" Adam, so that the rows of an embedding table that a batch does not touch keep
 * their state, as sparse updates do in the two-tower literature.
 *
 * <p>Thread safety: not thread-safe; one trainer owns it.
 */
final class AdamBlock {
  static final double BETA1 = 0.9;
  static final double BETA2 = 0.999;
  static final double EPSILON = 1e-8;

  /** The weights, shared with the model (updated in place by {@link #step}). */
  final float[] w;

  /**
   * The gradient of the batch's loss, accumulated by the backward pass; zeroed by {@link #step}.
   */
  final float[] grad;

  private final float[] m;
  private final float[] v;
  private final double l2;

  /**
   * @param w the weights to train (kept, not copied)
   * @param l2 L2 penalty added to the gradient of every touched entry ({@code l2 * w})
   */
  AdamBlock(float[] w, double l2) {
    this.w = w;
    this.grad = new float[w.length];
    this.m = new float[w.length];
    this.v = new float[w.length];
    this.l2 = l2;
  }

  /**
   * Applies one Adam step from the accumulated gradient, then zeroes it.
   *
   * @param learningRate the step size
   * @param t the 1-based step count (for the moments' bias correction)
   */
  void step(double learningRate, int t) {
    double c1 = 1 - Math.pow(BETA1, t);
    double c2 = 1 - Math.pow(BETA2, t);
    for (int i = 0; i < w.length; i++) {
      if (grad[i] == 0f) {
        continue;
      }
      double g = grad[i] + l2 * w[i];
      m[i] = (float) (BETA1 * m[i] + (1 - BETA1) * g);
      v[i] = (float) (BETA2 * v[i] + (1 - BETA2) * g * g);
      w[i] -= (float) (learningRate * (m[i] / c1) / (Math.sqrt(v[i] / c2) + EPSILON));
      grad[i] = 0f;
    }
  }
}
