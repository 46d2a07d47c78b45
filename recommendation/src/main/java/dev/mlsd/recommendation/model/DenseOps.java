package dev.mlsd.recommendation.model;

import java.util.Arrays;

/**
 * The dense-layer arithmetic of the two-tower trainer, on row-major {@code float[]} batches: {@code
 * out = f(x W + b)} forward, and the three products of its backward pass. Weights are {@code [in,
 * out]} row-major, as core's inference graph takes them.
 *
 * <p>Thread safety: stateless.
 */
final class DenseOps {
  private DenseOps() {}

  /**
   * {@code out[n x outW] = x[n x in] W[in x outW] + b}, then ReLU if asked.
   *
   * @param relu apply {@code max(0, .)}
   */
  static void forward(
      float[] x, float[] w, float[] b, float[] out, int n, int in, int outW, boolean relu) {
    for (int r = 0; r < n; r++) {
      int o = r * outW;
      System.arraycopy(b, 0, out, o, outW);
      for (int j = 0; j < in; j++) {
        float xj = x[r * in + j];
        if (xj == 0f) {
          continue; // one-hot and ReLU inputs are mostly zero
        }
        int wo = j * outW;
        for (int c = 0; c < outW; c++) {
          out[o + c] += xj * w[wo + c];
        }
      }
      if (relu) {
        for (int c = 0; c < outW; c++) {
          if (out[o + c] < 0f) {
            out[o + c] = 0f;
          }
        }
      }
    }
  }

  /**
   * Accumulates the weight and bias gradients of a layer: {@code gw += x^T dOut}, {@code gb +=
   * sum_rows dOut}.
   */
  static void accumulate(float[] x, float[] dOut, float[] gw, float[] gb, int n, int in, int outW) {
    for (int r = 0; r < n; r++) {
      int d = r * outW;
      for (int c = 0; c < outW; c++) {
        gb[c] += dOut[d + c];
      }
      for (int j = 0; j < in; j++) {
        float xj = x[r * in + j];
        if (xj == 0f) {
          continue;
        }
        int go = j * outW;
        for (int c = 0; c < outW; c++) {
          gw[go + c] += xj * dOut[d + c];
        }
      }
    }
  }

  /** {@code dx[n x in] = dOut[n x outW] W^T} (overwritten). */
  static void inputGradient(float[] dOut, float[] w, float[] dx, int n, int in, int outW) {
    Arrays.fill(dx, 0, n * in, 0f);
    for (int r = 0; r < n; r++) {
      int d = r * outW;
      for (int j = 0; j < in; j++) {
        int wo = j * outW;
        float s = 0f;
        for (int c = 0; c < outW; c++) {
          s += dOut[d + c] * w[wo + c];
        }
        dx[r * in + j] = s;
      }
    }
  }

  /** Zeroes the gradient where the ReLU's output {@code h} was not positive. */
  static void reluBackward(float[] h, float[] dh, int length) {
    for (int i = 0; i < length; i++) {
      if (h[i] <= 0f) {
        dh[i] = 0f;
      }
    }
  }
}
