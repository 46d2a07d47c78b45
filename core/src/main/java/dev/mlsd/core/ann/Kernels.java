package dev.mlsd.core.ann;

/**
 * Holds the kernels chosen at class-initialisation time in a {@code static final} field, so that
 * the JIT sees a constant and inlines the calls on the hot path.
 */
final class Kernels {
  static final VectorKernels IMPL = choose();

  private Kernels() {}

  private static VectorKernels choose() {
    if (Boolean.getBoolean("mlsd.ann.scalar")) {
      return ScalarKernels.INSTANCE;
    }
    VectorKernels simd = simdOrNull();
    return simd != null ? simd : ScalarKernels.INSTANCE;
  }

  /**
   * The SIMD kernels, or null when the JVM was started without the incubator module (the class then
   * cannot even be loaded) or the platform has no useful vector width.
   */
  static VectorKernels simdOrNull() {
    if (ModuleLayer.boot().findModule("jdk.incubator.vector").isEmpty()) {
      return null;
    }
    try {
      return PanamaKernels.createOrNull();
    } catch (LinkageError e) {
      return null;
    }
  }
}
