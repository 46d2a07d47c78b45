package dev.mlsd.core.ann;

import java.lang.foreign.MemorySegment;

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
  public float dot(float[] a, int aOff, MemorySegment b, long bOff, int length) {
    float sum = 0f;
    for (int i = 0; i < length; i++) {
      sum += a[aOff + i] * b.get(FILE_FLOAT, bOff + 4L * i);
    }
    return sum;
  }

  @Override
  public float squareDistance(float[] a, int aOff, MemorySegment b, long bOff, int length) {
    float sum = 0f;
    for (int i = 0; i < length; i++) {
      float d = a[aOff + i] - b.get(FILE_FLOAT, bOff + 4L * i);
      sum += d * d;
    }
    return sum;
  }

  @Override
  public void dot4(
      float[] a,
      int aOff,
      float[] b,
      int o0,
      int o1,
      int o2,
      int o3,
      int length,
      float[] out,
      int outOff) {
    out[outOff] = dot(a, aOff, b, o0, length);
    out[outOff + 1] = dot(a, aOff, b, o1, length);
    out[outOff + 2] = dot(a, aOff, b, o2, length);
    out[outOff + 3] = dot(a, aOff, b, o3, length);
  }

  @Override
  public void squareDistance4(
      float[] a,
      int aOff,
      float[] b,
      int o0,
      int o1,
      int o2,
      int o3,
      int length,
      float[] out,
      int outOff) {
    out[outOff] = squareDistance(a, aOff, b, o0, length);
    out[outOff + 1] = squareDistance(a, aOff, b, o1, length);
    out[outOff + 2] = squareDistance(a, aOff, b, o2, length);
    out[outOff + 3] = squareDistance(a, aOff, b, o3, length);
  }

  @Override
  public void dot4(
      float[] a,
      int aOff,
      byte[] b,
      int o0,
      int o1,
      int o2,
      int o3,
      int length,
      float[] out,
      int outOff) {
    out[outOff] = dot(a, aOff, b, o0, length);
    out[outOff + 1] = dot(a, aOff, b, o1, length);
    out[outOff + 2] = dot(a, aOff, b, o2, length);
    out[outOff + 3] = dot(a, aOff, b, o3, length);
  }

  @Override
  public String name() {
    return "scalar";
  }
}
