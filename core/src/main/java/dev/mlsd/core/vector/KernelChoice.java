package dev.mlsd.core.vector;

/**
 * Holds the kernels chosen at class-initialisation time in a {@code static final} field, so that
 * the JIT sees a constant and inlines the calls on the hot paths. The one selection rule of {@link
 * VectorKernels#best()}.
 */
final class KernelChoice {
  static final VectorKernels BEST = choose();

  private KernelChoice() {}

  private static VectorKernels choose() {
    if (Boolean.getBoolean("mlsd.vector.scalar")) {
      return ScalarVectorKernels.INSTANCE;
    }
    return simdAvailable() ? SimdVectorKernels.INSTANCE : ScalarVectorKernels.INSTANCE;
  }

  /**
   * Whether the SIMD kernels can run: the incubator module is in the boot layer (without it the
   * class cannot even be loaded) and the preferred vector holds at least 4 floats (below that the
   * scalar loop is as fast).
   */
  static boolean simdAvailable() {
    if (ModuleLayer.boot().findModule("jdk.incubator.vector").isEmpty()) {
      return false;
    }
    try {
      return SimdVectorKernels.lanes() >= 4;
    } catch (LinkageError e) {
      return false;
    }
  }
}
