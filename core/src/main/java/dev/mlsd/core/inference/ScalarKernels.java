package dev.mlsd.core.inference;

/**
 * The reference {@link Kernels}: plain loops, one fused multiply-add per term, in the order the
 * contract fixes. The SIMD twin is tested against this class.
 *
 * <p>Thread safety: stateless.
 */
public final class ScalarKernels implements Kernels {
  static final ScalarKernels INSTANCE = new ScalarKernels();

  private ScalarKernels() {}

  @Override
  public void dense(
      float[] x, int xOff, int rows, int in, float[] w, float[] b, int out, float[] y, int yOff) {
    for (int r = 0; r < rows; r++) {
      int xr = xOff + r * in;
      int yr = yOff + r * out;
      for (int j = 0; j < out; j++) {
        float acc = b[j];
        for (int i = 0; i < in; i++) {
          acc = Math.fma(x[xr + i], w[i * out + j], acc);
        }
        y[yr + j] = acc;
      }
    }
  }

  @Override
  public float dot(float[] a, int aOff, float[] b, int bOff, int n) {
    float acc = 0f;
    for (int i = 0; i < n; i++) {
      acc = Math.fma(a[aOff + i], b[bOff + i], acc);
    }
    return acc;
  }

  @Override
  public String toString() {
    return "scalar";
  }
}
