package dev.mlsd.core.vector;

/**
 * The numeric kernels every hot loop of the project is built from: a dot product and a squared
 * Euclidean distance between two float slices (the nearest-neighbour indexes, the dot-product and
 * cross layers of the inference graphs), and the batched dense product {@code y = x W + b} (every
 * dense layer). Slices are given as an array and an offset, so vectors stored in one contiguous
 * block are read in place.
 *
 * <p>Two implementations, like Lucene's {@code VectorUtilSupport}: {@link #scalar()}, the plain
 * loop reference ({@link ScalarVectorKernels}, one fused multiply-add per term), and {@link
 * #simd()}, its {@code jdk.incubator.vector} twin ({@link SimdVectorKernels}), tested against it.
 *
 * <p>One selection rule, {@link #best()}: SIMD when the JVM runs with {@code --add-modules
 * jdk.incubator.vector} and the preferred vector holds at least 4 floats, unless the system
 * property {@code mlsd.vector.scalar=true} asks for the scalar twin; decided once per JVM.
 *
 * <p>Agreement: {@link #dense} agrees bit for bit between the twins (each output sums its terms in
 * order of {@code i} from the bias); {@link #dot} and {@link #squareDistance} sum in another order
 * in SIMD (several accumulators), so they agree to float rounding (a relative 1e-5 in the tests).
 *
 * <p>Thread safety: implementations are stateless and shared by all threads.
 */
public interface VectorKernels {

  /**
   * @return {@code sum_i a[aOff+i] * b[bOff+i]} for {@code i < n}
   */
  float dot(float[] a, int aOff, float[] b, int bOff, int n);

  /**
   * @return {@code sum_i (a[aOff+i] - b[bOff+i])^2} for {@code i < n}
   */
  float squareDistance(float[] a, int aOff, float[] b, int bOff, int n);

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

  /** Short name for reports: {@code "scalar"} or {@code "simd-<bits>"}. */
  String name();

  /** The plain-loop reference implementation. */
  static VectorKernels scalar() {
    return ScalarVectorKernels.INSTANCE;
  }

  /**
   * The SIMD implementation.
   *
   * @throws UnsupportedOperationException if the JVM cannot run it (start it with {@code
   *     --add-modules=jdk.incubator.vector})
   */
  static VectorKernels simd() {
    if (!KernelChoice.simdAvailable()) {
      throw new UnsupportedOperationException(
          "SIMD kernels need the JVM flag --add-modules=jdk.incubator.vector and a vector unit of"
              + " at least 4 floats");
    }
    return SimdVectorKernels.INSTANCE;
  }

  /** The kernels in use everywhere (see the selection rule above); the same instance every call. */
  static VectorKernels best() {
    return KernelChoice.BEST;
  }
}
