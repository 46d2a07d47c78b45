package dev.mlsd.core.ann;

/** The scalar reference kernels: one accumulator, in index order. */
final class ScalarKernels implements VectorKernels {
  static final ScalarKernels INSTANCE = new ScalarKernels();

  private ScalarKernels() {}

  @Override
  public float dot(float[] a, int aOff, float[] b, int bOff, int length) {
    float sum = 0f;
    for (int i = 0; i < length; i++) {
      sum += a[aOff + i] * b[bOff + i];
    }
    return sum;
  }

  @Override
  public float dot(float[] a, int aOff, byte[] b, int bOff, int length) {
    float sum = 0f;
    for (int i = 0; i < length; i++) {
      sum += a[aOff + i] * b[bOff + i];
    }
    return sum;
  }

  @Override
  public float squareDistance(float[] a, int aOff, float[] b, int bOff, int length) {
    float sum = 0f;
    for (int i = 0; i < length; i++) {
      float d = a[aOff + i] - b[bOff + i];
      sum += d * d;
    }
    return sum;
  }

  @Override
  public String name() {
    return "scalar";
  }
}
