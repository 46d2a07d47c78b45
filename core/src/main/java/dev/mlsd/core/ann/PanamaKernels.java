package dev.mlsd.core.ann;

import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;

/**
 * SIMD kernels over {@code jdk.incubator.vector}, at the platform's preferred width (512 bits with
 * AVX-512, 256 with AVX2). Four independent accumulators hide the latency of the fused
 * multiply-add; the tail that does not fill a vector is summed in scalar code.
 *
 * <p>Only loaded when the incubator module is present (see {@link Kernels}).
 */
final class PanamaKernels implements VectorKernels {
  private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
  private static final int L = S.length();
  // as many byte lanes as float lanes: B2F widens one byte vector into one float vector (no 32-bit
  // byte shape exists, so 128-bit floats fall back to the scalar loop for codes)
  private static final VectorSpecies<Byte> B =
      L >= 8 ? VectorSpecies.of(byte.class, VectorShape.forBitSize(L * Byte.SIZE)) : null;

  private PanamaKernels() {}

  static VectorKernels createOrNull() {
    // with fewer than 4 lanes (no SIMD unit worth the name) the scalar loop is as fast
    return L >= 4 ? new PanamaKernels() : null;
  }

  @Override
  public float dot(float[] a, int aOff, float[] b, int bOff, int length) {
    int i = 0;
    float sum = 0f;
    if (length >= L) {
      FloatVector acc0 = FloatVector.zero(S);
      FloatVector acc1 = FloatVector.zero(S);
      FloatVector acc2 = FloatVector.zero(S);
      FloatVector acc3 = FloatVector.zero(S);
      int bound4 = length - 4 * L;
      for (; i <= bound4; i += 4 * L) {
        acc0 =
            FloatVector.fromArray(S, a, aOff + i).fma(FloatVector.fromArray(S, b, bOff + i), acc0);
        acc1 =
            FloatVector.fromArray(S, a, aOff + i + L)
                .fma(FloatVector.fromArray(S, b, bOff + i + L), acc1);
        acc2 =
            FloatVector.fromArray(S, a, aOff + i + 2 * L)
                .fma(FloatVector.fromArray(S, b, bOff + i + 2 * L), acc2);
        acc3 =
            FloatVector.fromArray(S, a, aOff + i + 3 * L)
                .fma(FloatVector.fromArray(S, b, bOff + i + 3 * L), acc3);
      }
      int bound = length - L;
      for (; i <= bound; i += L) {
        acc0 =
            FloatVector.fromArray(S, a, aOff + i).fma(FloatVector.fromArray(S, b, bOff + i), acc0);
      }
      sum = acc0.add(acc1).add(acc2.add(acc3)).reduceLanes(VectorOperators.ADD);
    }
    for (; i < length; i++) {
      sum = Math.fma(a[aOff + i], b[bOff + i], sum);
    }
    return sum;
  }

  @Override
  public float dot(float[] a, int aOff, byte[] b, int bOff, int length) {
    int i = 0;
    float sum = 0f;
    if (B != null && length >= L) {
      FloatVector acc0 = FloatVector.zero(S);
      FloatVector acc1 = FloatVector.zero(S);
      int bound2 = length - 2 * L;
      for (; i <= bound2; i += 2 * L) {
        acc0 = FloatVector.fromArray(S, a, aOff + i).fma(widen(b, bOff + i), acc0);
        acc1 = FloatVector.fromArray(S, a, aOff + i + L).fma(widen(b, bOff + i + L), acc1);
      }
      int bound = length - L;
      for (; i <= bound; i += L) {
        acc0 = FloatVector.fromArray(S, a, aOff + i).fma(widen(b, bOff + i), acc0);
      }
      sum = acc0.add(acc1).reduceLanes(VectorOperators.ADD);
    }
    for (; i < length; i++) {
      sum = Math.fma(a[aOff + i], b[bOff + i], sum);
    }
    return sum;
  }

  private static FloatVector widen(byte[] b, int off) {
    return (FloatVector) ByteVector.fromArray(B, b, off).convertShape(VectorOperators.B2F, S, 0);
  }

  @Override
  public float squareDistance(float[] a, int aOff, float[] b, int bOff, int length) {
    int i = 0;
    float sum = 0f;
    if (length >= L) {
      FloatVector acc0 = FloatVector.zero(S);
      FloatVector acc1 = FloatVector.zero(S);
      FloatVector acc2 = FloatVector.zero(S);
      FloatVector acc3 = FloatVector.zero(S);
      int bound4 = length - 4 * L;
      for (; i <= bound4; i += 4 * L) {
        FloatVector d0 =
            FloatVector.fromArray(S, a, aOff + i).sub(FloatVector.fromArray(S, b, bOff + i));
        FloatVector d1 =
            FloatVector.fromArray(S, a, aOff + i + L)
                .sub(FloatVector.fromArray(S, b, bOff + i + L));
        FloatVector d2 =
            FloatVector.fromArray(S, a, aOff + i + 2 * L)
                .sub(FloatVector.fromArray(S, b, bOff + i + 2 * L));
        FloatVector d3 =
            FloatVector.fromArray(S, a, aOff + i + 3 * L)
                .sub(FloatVector.fromArray(S, b, bOff + i + 3 * L));
        acc0 = d0.fma(d0, acc0);
        acc1 = d1.fma(d1, acc1);
        acc2 = d2.fma(d2, acc2);
        acc3 = d3.fma(d3, acc3);
      }
      int bound = length - L;
      for (; i <= bound; i += L) {
        FloatVector d =
            FloatVector.fromArray(S, a, aOff + i).sub(FloatVector.fromArray(S, b, bOff + i));
        acc0 = d.fma(d, acc0);
      }
      sum = acc0.add(acc1).add(acc2.add(acc3)).reduceLanes(VectorOperators.ADD);
    }
    for (; i < length; i++) {
      float d = a[aOff + i] - b[bOff + i];
      sum = Math.fma(d, d, sum);
    }
    return sum;
  }

  @Override
  public String name() {
    return "simd-" + S.vectorBitSize();
  }
}
