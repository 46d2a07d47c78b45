package dev.mlsd.core.inference;

/**
 * Folds an inference-time batch-norm that follows a dense layer into that layer's weights, so the
 * served model does one product instead of a product and a normalisation. With {@code s_j = gamma_j
 * / sqrt(var_j + eps)}: {@code W'[i][j] = W[i][j] * s_j} and {@code b'_j = (b_j - mean_j) * s_j +
 * beta_j}. Exact up to float rounding.
 *
 * <p>Thread safety: stateless.
 */
public final class BatchNormFolding {
  private BatchNormFolding() {}

  /**
   * Folds in place.
   *
   * @param w the dense weights {@code [nIn, nOut]} row-major; overwritten
   * @param b the dense bias, {@code nOut} values; overwritten
   * @param gamma the batch-norm scale
   * @param beta the batch-norm shift
   * @param mean the running (global) mean
   * @param var the running (global) variance
   * @param eps the batch-norm epsilon
   */
  public static void fold(
      float[] w, float[] b, float[] gamma, float[] beta, float[] mean, float[] var, double eps) {
    int out = b.length;
    for (float[] a : new float[][] {gamma, beta, mean, var}) {
      if (a.length != out) {
        throw new IllegalArgumentException(
            "batch-norm parameters must have " + out + " values, got " + a.length);
      }
    }
    if (w.length % out != 0) {
      throw new IllegalArgumentException("weights are not [nIn, " + out + "]");
    }
    double[] scale = new double[out];
    for (int j = 0; j < out; j++) {
      scale[j] = gamma[j] / Math.sqrt(var[j] + eps);
      b[j] = (float) ((b[j] - (double) mean[j]) * scale[j] + beta[j]);
    }
    for (int i = 0; i < w.length; i++) {
      w[i] = (float) (w[i] * scale[i % out]);
    }
  }
}
