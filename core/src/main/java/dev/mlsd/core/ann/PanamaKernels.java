package dev.mlsd.core.ann;

import java.lang.foreign.MemorySegment;
import java.nio.ByteOrder;
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

  private static FloatVector load(MemorySegment b, long off) {
    return FloatVector.fromMemorySegment(S, b, off, ByteOrder.LITTLE_ENDIAN);
  }

  @Override
  public float dot(float[] a, int aOff, MemorySegment b, long bOff, int length) {
    // the array kernel's accumulators, lanes and order: equal to it bit for bit
    int i = 0;
    float sum = 0f;
    if (length >= L) {
      FloatVector acc0 = FloatVector.zero(S);
      FloatVector acc1 = FloatVector.zero(S);
      FloatVector acc2 = FloatVector.zero(S);
      FloatVector acc3 = FloatVector.zero(S);
      int bound4 = length - 4 * L;
      for (; i <= bound4; i += 4 * L) {
        long o = bOff + 4L * i;
        acc0 = FloatVector.fromArray(S, a, aOff + i).fma(load(b, o), acc0);
        acc1 = FloatVector.fromArray(S, a, aOff + i + L).fma(load(b, o + 4L * L), acc1);
        acc2 = FloatVector.fromArray(S, a, aOff + i + 2 * L).fma(load(b, o + 8L * L), acc2);
        acc3 = FloatVector.fromArray(S, a, aOff + i + 3 * L).fma(load(b, o + 12L * L), acc3);
      }
      int bound = length - L;
      for (; i <= bound; i += L) {
        acc0 = FloatVector.fromArray(S, a, aOff + i).fma(load(b, bOff + 4L * i), acc0);
      }
      sum = acc0.add(acc1).add(acc2.add(acc3)).reduceLanes(VectorOperators.ADD);
    }
    for (; i < length; i++) {
      sum = Math.fma(a[aOff + i], b.get(FILE_FLOAT, bOff + 4L * i), sum);
    }
    return sum;
  }

  @Override
  public float squareDistance(float[] a, int aOff, MemorySegment b, long bOff, int length) {
    // the array kernel's accumulators, lanes and order: equal to it bit for bit
    int i = 0;
    float sum = 0f;
    if (length >= L) {
      FloatVector acc0 = FloatVector.zero(S);
      FloatVector acc1 = FloatVector.zero(S);
      FloatVector acc2 = FloatVector.zero(S);
      FloatVector acc3 = FloatVector.zero(S);
      int bound4 = length - 4 * L;
      for (; i <= bound4; i += 4 * L) {
        long o = bOff + 4L * i;
        FloatVector d0 = FloatVector.fromArray(S, a, aOff + i).sub(load(b, o));
        FloatVector d1 = FloatVector.fromArray(S, a, aOff + i + L).sub(load(b, o + 4L * L));
        FloatVector d2 = FloatVector.fromArray(S, a, aOff + i + 2 * L).sub(load(b, o + 8L * L));
        FloatVector d3 = FloatVector.fromArray(S, a, aOff + i + 3 * L).sub(load(b, o + 12L * L));
        acc0 = d0.fma(d0, acc0);
        acc1 = d1.fma(d1, acc1);
        acc2 = d2.fma(d2, acc2);
        acc3 = d3.fma(d3, acc3);
      }
      int bound = length - L;
      for (; i <= bound; i += L) {
        FloatVector d = FloatVector.fromArray(S, a, aOff + i).sub(load(b, bOff + 4L * i));
        acc0 = d.fma(d, acc0);
      }
      sum = acc0.add(acc1).add(acc2.add(acc3)).reduceLanes(VectorOperators.ADD);
    }
    for (; i < length; i++) {
      float d = a[aOff + i] - b.get(FILE_FLOAT, bOff + 4L * i);
      sum = Math.fma(d, d, sum);
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
    // per vector the same four accumulators, lanes and order as the one-vector kernel, so each
    // result is bit for bit that kernel's
    int i = 0;
    float s0 = 0f;
    float s1 = 0f;
    float s2 = 0f;
    float s3 = 0f;
    if (length >= L) {
      FloatVector a00 = FloatVector.zero(S);
      FloatVector a01 = FloatVector.zero(S);
      FloatVector a02 = FloatVector.zero(S);
      FloatVector a03 = FloatVector.zero(S);
      FloatVector a10 = FloatVector.zero(S);
      FloatVector a11 = FloatVector.zero(S);
      FloatVector a12 = FloatVector.zero(S);
      FloatVector a13 = FloatVector.zero(S);
      FloatVector a20 = FloatVector.zero(S);
      FloatVector a21 = FloatVector.zero(S);
      FloatVector a22 = FloatVector.zero(S);
      FloatVector a23 = FloatVector.zero(S);
      FloatVector a30 = FloatVector.zero(S);
      FloatVector a31 = FloatVector.zero(S);
      FloatVector a32 = FloatVector.zero(S);
      FloatVector a33 = FloatVector.zero(S);
      int bound4 = length - 4 * L;
      for (; i <= bound4; i += 4 * L) {
        FloatVector q0 = FloatVector.fromArray(S, a, aOff + i);
        FloatVector q1 = FloatVector.fromArray(S, a, aOff + i + L);
        FloatVector q2 = FloatVector.fromArray(S, a, aOff + i + 2 * L);
        FloatVector q3 = FloatVector.fromArray(S, a, aOff + i + 3 * L);
        a00 = q0.fma(FloatVector.fromArray(S, b, o0 + i), a00);
        a01 = q1.fma(FloatVector.fromArray(S, b, o0 + i + L), a01);
        a02 = q2.fma(FloatVector.fromArray(S, b, o0 + i + 2 * L), a02);
        a03 = q3.fma(FloatVector.fromArray(S, b, o0 + i + 3 * L), a03);
        a10 = q0.fma(FloatVector.fromArray(S, b, o1 + i), a10);
        a11 = q1.fma(FloatVector.fromArray(S, b, o1 + i + L), a11);
        a12 = q2.fma(FloatVector.fromArray(S, b, o1 + i + 2 * L), a12);
        a13 = q3.fma(FloatVector.fromArray(S, b, o1 + i + 3 * L), a13);
        a20 = q0.fma(FloatVector.fromArray(S, b, o2 + i), a20);
        a21 = q1.fma(FloatVector.fromArray(S, b, o2 + i + L), a21);
        a22 = q2.fma(FloatVector.fromArray(S, b, o2 + i + 2 * L), a22);
        a23 = q3.fma(FloatVector.fromArray(S, b, o2 + i + 3 * L), a23);
        a30 = q0.fma(FloatVector.fromArray(S, b, o3 + i), a30);
        a31 = q1.fma(FloatVector.fromArray(S, b, o3 + i + L), a31);
        a32 = q2.fma(FloatVector.fromArray(S, b, o3 + i + 2 * L), a32);
        a33 = q3.fma(FloatVector.fromArray(S, b, o3 + i + 3 * L), a33);
      }
      int bound = length - L;
      for (; i <= bound; i += L) {
        FloatVector q0 = FloatVector.fromArray(S, a, aOff + i);
        a00 = q0.fma(FloatVector.fromArray(S, b, o0 + i), a00);
        a10 = q0.fma(FloatVector.fromArray(S, b, o1 + i), a10);
        a20 = q0.fma(FloatVector.fromArray(S, b, o2 + i), a20);
        a30 = q0.fma(FloatVector.fromArray(S, b, o3 + i), a30);
      }
      s0 = a00.add(a01).add(a02.add(a03)).reduceLanes(VectorOperators.ADD);
      s1 = a10.add(a11).add(a12.add(a13)).reduceLanes(VectorOperators.ADD);
      s2 = a20.add(a21).add(a22.add(a23)).reduceLanes(VectorOperators.ADD);
      s3 = a30.add(a31).add(a32.add(a33)).reduceLanes(VectorOperators.ADD);
    }
    for (; i < length; i++) {
      float x = a[aOff + i];
      s0 = Math.fma(x, b[o0 + i], s0);
      s1 = Math.fma(x, b[o1 + i], s1);
      s2 = Math.fma(x, b[o2 + i], s2);
      s3 = Math.fma(x, b[o3 + i], s3);
    }
    out[outOff] = s0;
    out[outOff + 1] = s1;
    out[outOff + 2] = s2;
    out[outOff + 3] = s3;
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
    // per vector the same four accumulators, lanes and order as the one-vector kernel, so each
    // result is bit for bit that kernel's
    int i = 0;
    float s0 = 0f;
    float s1 = 0f;
    float s2 = 0f;
    float s3 = 0f;
    if (length >= L) {
      FloatVector a00 = FloatVector.zero(S);
      FloatVector a01 = FloatVector.zero(S);
      FloatVector a02 = FloatVector.zero(S);
      FloatVector a03 = FloatVector.zero(S);
      FloatVector a10 = FloatVector.zero(S);
      FloatVector a11 = FloatVector.zero(S);
      FloatVector a12 = FloatVector.zero(S);
      FloatVector a13 = FloatVector.zero(S);
      FloatVector a20 = FloatVector.zero(S);
      FloatVector a21 = FloatVector.zero(S);
      FloatVector a22 = FloatVector.zero(S);
      FloatVector a23 = FloatVector.zero(S);
      FloatVector a30 = FloatVector.zero(S);
      FloatVector a31 = FloatVector.zero(S);
      FloatVector a32 = FloatVector.zero(S);
      FloatVector a33 = FloatVector.zero(S);
      int bound4 = length - 4 * L;
      for (; i <= bound4; i += 4 * L) {
        FloatVector q0 = FloatVector.fromArray(S, a, aOff + i);
        FloatVector q1 = FloatVector.fromArray(S, a, aOff + i + L);
        FloatVector q2 = FloatVector.fromArray(S, a, aOff + i + 2 * L);
        FloatVector q3 = FloatVector.fromArray(S, a, aOff + i + 3 * L);
        FloatVector d00 = q0.sub(FloatVector.fromArray(S, b, o0 + i));
        a00 = d00.fma(d00, a00);
        FloatVector d01 = q1.sub(FloatVector.fromArray(S, b, o0 + i + L));
        a01 = d01.fma(d01, a01);
        FloatVector d02 = q2.sub(FloatVector.fromArray(S, b, o0 + i + 2 * L));
        a02 = d02.fma(d02, a02);
        FloatVector d03 = q3.sub(FloatVector.fromArray(S, b, o0 + i + 3 * L));
        a03 = d03.fma(d03, a03);
        FloatVector d10 = q0.sub(FloatVector.fromArray(S, b, o1 + i));
        a10 = d10.fma(d10, a10);
        FloatVector d11 = q1.sub(FloatVector.fromArray(S, b, o1 + i + L));
        a11 = d11.fma(d11, a11);
        FloatVector d12 = q2.sub(FloatVector.fromArray(S, b, o1 + i + 2 * L));
        a12 = d12.fma(d12, a12);
        FloatVector d13 = q3.sub(FloatVector.fromArray(S, b, o1 + i + 3 * L));
        a13 = d13.fma(d13, a13);
        FloatVector d20 = q0.sub(FloatVector.fromArray(S, b, o2 + i));
        a20 = d20.fma(d20, a20);
        FloatVector d21 = q1.sub(FloatVector.fromArray(S, b, o2 + i + L));
        a21 = d21.fma(d21, a21);
        FloatVector d22 = q2.sub(FloatVector.fromArray(S, b, o2 + i + 2 * L));
        a22 = d22.fma(d22, a22);
        FloatVector d23 = q3.sub(FloatVector.fromArray(S, b, o2 + i + 3 * L));
        a23 = d23.fma(d23, a23);
        FloatVector d30 = q0.sub(FloatVector.fromArray(S, b, o3 + i));
        a30 = d30.fma(d30, a30);
        FloatVector d31 = q1.sub(FloatVector.fromArray(S, b, o3 + i + L));
        a31 = d31.fma(d31, a31);
        FloatVector d32 = q2.sub(FloatVector.fromArray(S, b, o3 + i + 2 * L));
        a32 = d32.fma(d32, a32);
        FloatVector d33 = q3.sub(FloatVector.fromArray(S, b, o3 + i + 3 * L));
        a33 = d33.fma(d33, a33);
      }
      int bound = length - L;
      for (; i <= bound; i += L) {
        FloatVector q0 = FloatVector.fromArray(S, a, aOff + i);
        FloatVector d0 = q0.sub(FloatVector.fromArray(S, b, o0 + i));
        a00 = d0.fma(d0, a00);
        FloatVector d1 = q0.sub(FloatVector.fromArray(S, b, o1 + i));
        a10 = d1.fma(d1, a10);
        FloatVector d2 = q0.sub(FloatVector.fromArray(S, b, o2 + i));
        a20 = d2.fma(d2, a20);
        FloatVector d3 = q0.sub(FloatVector.fromArray(S, b, o3 + i));
        a30 = d3.fma(d3, a30);
      }
      s0 = a00.add(a01).add(a02.add(a03)).reduceLanes(VectorOperators.ADD);
      s1 = a10.add(a11).add(a12.add(a13)).reduceLanes(VectorOperators.ADD);
      s2 = a20.add(a21).add(a22.add(a23)).reduceLanes(VectorOperators.ADD);
      s3 = a30.add(a31).add(a32.add(a33)).reduceLanes(VectorOperators.ADD);
    }
    for (; i < length; i++) {
      float x = a[aOff + i];
      float e0 = x - b[o0 + i];
      s0 = Math.fma(e0, e0, s0);
      float e1 = x - b[o1 + i];
      s1 = Math.fma(e1, e1, s1);
      float e2 = x - b[o2 + i];
      s2 = Math.fma(e2, e2, s2);
      float e3 = x - b[o3 + i];
      s3 = Math.fma(e3, e3, s3);
    }
    out[outOff] = s0;
    out[outOff + 1] = s1;
    out[outOff + 2] = s2;
    out[outOff + 3] = s3;
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
    // per vector the same two accumulators and order as the one-vector kernel (bit for bit)
    int i = 0;
    float s0 = 0f;
    float s1 = 0f;
    float s2 = 0f;
    float s3 = 0f;
    if (B != null && length >= L) {
      FloatVector a00 = FloatVector.zero(S);
      FloatVector a01 = FloatVector.zero(S);
      FloatVector a10 = FloatVector.zero(S);
      FloatVector a11 = FloatVector.zero(S);
      FloatVector a20 = FloatVector.zero(S);
      FloatVector a21 = FloatVector.zero(S);
      FloatVector a30 = FloatVector.zero(S);
      FloatVector a31 = FloatVector.zero(S);
      int bound2 = length - 2 * L;
      for (; i <= bound2; i += 2 * L) {
        FloatVector q0 = FloatVector.fromArray(S, a, aOff + i);
        FloatVector q1 = FloatVector.fromArray(S, a, aOff + i + L);
        a00 = q0.fma(widen(b, o0 + i), a00);
        a01 = q1.fma(widen(b, o0 + i + L), a01);
        a10 = q0.fma(widen(b, o1 + i), a10);
        a11 = q1.fma(widen(b, o1 + i + L), a11);
        a20 = q0.fma(widen(b, o2 + i), a20);
        a21 = q1.fma(widen(b, o2 + i + L), a21);
        a30 = q0.fma(widen(b, o3 + i), a30);
        a31 = q1.fma(widen(b, o3 + i + L), a31);
      }
      int bound = length - L;
      for (; i <= bound; i += L) {
        FloatVector q0 = FloatVector.fromArray(S, a, aOff + i);
        a00 = q0.fma(widen(b, o0 + i), a00);
        a10 = q0.fma(widen(b, o1 + i), a10);
        a20 = q0.fma(widen(b, o2 + i), a20);
        a30 = q0.fma(widen(b, o3 + i), a30);
      }
      s0 = a00.add(a01).reduceLanes(VectorOperators.ADD);
      s1 = a10.add(a11).reduceLanes(VectorOperators.ADD);
      s2 = a20.add(a21).reduceLanes(VectorOperators.ADD);
      s3 = a30.add(a31).reduceLanes(VectorOperators.ADD);
    }
    for (; i < length; i++) {
      float x = a[aOff + i];
      s0 = Math.fma(x, b[o0 + i], s0);
      s1 = Math.fma(x, b[o1 + i], s1);
      s2 = Math.fma(x, b[o2 + i], s2);
      s3 = Math.fma(x, b[o3 + i], s3);
    }
    out[outOff] = s0;
    out[outOff + 1] = s1;
    out[outOff + 2] = s2;
    out[outOff + 3] = s3;
  }

  @Override
  public String name() {
    return "simd-" + S.vectorBitSize();
  }
}
