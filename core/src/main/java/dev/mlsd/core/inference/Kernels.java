package dev.mlsd.core.inference;

/**
 * The two numeric primitives every layer is built from. Two implementations: {@link ScalarKernels},
 * the plain-loop reference, and {@link SimdKernels}, its {@code jdk.incubator.vector} twin, tested
 * against it.
 *
 * <p>Thread safety: implementations are stateless and may be shared by all threads.
 */
public interface Kernels {

  /**
   * The batched dense product {@code y = x W + b}: for every row {@code r} and column {@code j},
   * {@code y[r][j] = b[j] + sum_i x[r][i] * W[i][j]}, the sum taken in order of {@code i} with one
   * fused multiply-add per term. Both implementations follow that order exactly, so they agree bit
   * for bit.
   *
   * @param x input rows, row-major, {@code rows * in} values from {@code xOff}
   * @param xOff where row 0 of {@code x} starts
   * @param rows number of rows (candidates)
   * @param in input width
   * @param w weights {@code [in][out]}, row-major (DL4J's {@code W} layout)
   * @param b bias, {@code out} values
   * @param out output width
   * @param y output rows, row-major, {@code rows * out} values written from {@code yOff}
   * @param yOff where row 0 of {@code y} starts
   */
  void dense(
      float[] x, int xOff, int rows, int in, float[] w, float[] b, int out, float[] y, int yOff);

  /**
   * The dot product of {@code n} values of {@code a} and {@code b}. The SIMD twin sums in a
   * different order, so the two agree to float rounding, not bit for bit.
   */
  float dot(float[] a, int aOff, float[] b, int bOff, int n);

  /** The plain-loop reference implementation. */
  static Kernels scalar() {
    return ScalarKernels.INSTANCE;
  }

  /**
   * The SIMD implementation.
   *
   * @throws UnsupportedOperationException if {@code jdk.incubator.vector} is not in the boot layer
   *     (start the JVM with {@code --add-modules=jdk.incubator.vector})
   */
  static Kernels simd() {
    if (ModuleLayer.boot().findModule("jdk.incubator.vector").isEmpty()) {
      throw new UnsupportedOperationException(
          "SIMD kernels need the JVM flag --add-modules=jdk.incubator.vector");
    }
    return SimdKernels.INSTANCE;
  }

  /** The SIMD implementation when the vector module is present, otherwise the scalar one. */
  static Kernels best() {
    return ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent()
        ? SimdKernels.INSTANCE
        : ScalarKernels.INSTANCE;
  }
}
