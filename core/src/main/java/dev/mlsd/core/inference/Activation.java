package dev.mlsd.core.inference;

/**
 * The element-wise (or row-wise, for softmax) non-linearities a layer may end with, computed as
 * DL4J computes them in float32.
 *
 * <p>Thread safety: stateless.
 */
public enum Activation {
  /** {@code f(x) = x}. */
  IDENTITY,
  /** {@code f(x) = max(0, x)}. */
  RELU,
  /** {@code f(x) = x} for {@code x >= 0}, else {@code alpha * x}; DL4J's default alpha is 0.01. */
  LEAKY_RELU,
  /** {@code f(x) = 1 / (1 + exp(-x))}: the click-probability head. */
  SIGMOID,
  /** {@code f(x) = tanh(x)}. */
  TANH,
  /** Row-wise {@code exp(x_j - max) / sum_k exp(x_k - max)}: the multi-class head. */
  SOFTMAX;

  /** DL4J's default leaky-ReLU slope for negative inputs. */
  public static final float DEFAULT_LEAKY_ALPHA = 0.01f;

  /**
   * Applies this activation in place to {@code rows} rows of {@code width} values.
   *
   * @param y the values, row-major
   * @param off where row 0 starts in {@code y}
   * @param rows how many rows
   * @param width values per row
   * @param alpha the leaky-ReLU slope; ignored by the others
   */
  public void apply(float[] y, int off, int rows, int width, float alpha) {
    int n = rows * width;
    switch (this) {
      case IDENTITY -> {}
      case RELU -> {
        for (int i = off; i < off + n; i++) {
          y[i] = Math.max(0f, y[i]);
        }
      }
      case LEAKY_RELU -> {
        for (int i = off; i < off + n; i++) {
          float v = y[i];
          y[i] = v >= 0f ? v : alpha * v;
        }
      }
      case SIGMOID -> {
        for (int i = off; i < off + n; i++) {
          y[i] = sigmoid(y[i]);
        }
      }
      case TANH -> {
        for (int i = off; i < off + n; i++) {
          y[i] = (float) Math.tanh(y[i]);
        }
      }
      case SOFTMAX -> {
        for (int r = 0; r < rows; r++) {
          softmaxRow(y, off + r * width, width);
        }
      }
    }
  }

  /** The logistic function in float32, computed in double to avoid overflow and rounding drift. */
  public static float sigmoid(float x) {
    return (float) (1.0 / (1.0 + Math.exp(-(double) x)));
  }

  private static void softmaxRow(float[] y, int start, int width) {
    float max = Float.NEGATIVE_INFINITY;
    for (int j = start; j < start + width; j++) {
      max = Math.max(max, y[j]);
    }
    double sum = 0;
    for (int j = start; j < start + width; j++) {
      double e = Math.exp((double) y[j] - max);
      y[j] = (float) e;
      sum += e;
    }
    float inv = (float) (1.0 / sum);
    for (int j = start; j < start + width; j++) {
      y[j] *= inv;
    }
  }
}
