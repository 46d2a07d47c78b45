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
    // i outer, j inner: W is read row by row (contiguous), and each y[r][j] still takes its
    // terms in order of i from the bias, exactly as the contract fixes
    for (int r = 0; r < rows; r++) {
      int xr = xOff + r * in;
      int yr = yOff + r * out;
      System.arraycopy(b, 0, y, yr, out);
      for (int i = 0; i < in; i++) {
        float xi = x[xr + i];
        int wi = i * out;
        for (int j = 0; j < out; j++) {
          y[yr + j] = Math.fma(xi, w[wi + j], y[yr + j]);
        }
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
