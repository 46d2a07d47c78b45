package dev.mlsd.core.ann;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class VectorKernelsTest {

  @Test
  void simdIsChosenWhenTheIncubatorModuleIsPresent() {
    // surefire runs with --add-modules jdk.incubator.vector (parent pom)
    VectorKernels simd = Kernels.simdOrNull();
    assertNotNull(simd);
    assertSame(simd.getClass(), VectorKernels.best().getClass());
  }

  @Test
  void simdAndScalarAgreeOnEveryLengthAndOffset() {
    VectorKernels simd = Kernels.simdOrNull();
    VectorKernels scalar = VectorKernels.scalar();
    SplittableRandom r = new SplittableRandom(7);
    float[] a = new float[2000];
    float[] b = new float[2000];
    for (int i = 0; i < a.length; i++) {
      a[i] = (float) (r.nextDouble() * 2 - 1);
      b[i] = (float) (r.nextDouble() * 2 - 1);
    }
    for (int len = 0; len <= 800; len += (len < 140 ? 1 : 37)) {
      for (int off : new int[] {0, 1, 3, 17, 64}) {
        int bo = 2 * off + 5;
        float dotS = scalar.dot(a, off, b, bo, len);
        float dotV = simd.dot(a, off, b, bo, len);
        float l2S = scalar.squareDistance(a, off, b, bo, len);
        float l2V = simd.squareDistance(a, off, b, bo, len);
        // rounding differs with summation order; scale the tolerance by the sum of |terms|
        double mag = 0;
        for (int i = 0; i < len; i++) {
          mag += Math.abs(a[off + i] * b[bo + i]);
        }
        assertEquals(dotS, dotV, 1e-5 * (mag + 1), "dot, length " + len + " offset " + off);
        assertEquals(l2S, l2V, 1e-5 * (l2S + 1), "l2, length " + len + " offset " + off);
      }
    }
  }

  @Test
  void floatTimesByteKernelsAgreeOnEveryLengthAndOffset() {
    VectorKernels simd = Kernels.simdOrNull();
    VectorKernels scalar = VectorKernels.scalar();
    SplittableRandom r = new SplittableRandom(8);
    float[] a = new float[1000];
    byte[] b = new byte[1000];
    for (int i = 0; i < a.length; i++) {
      a[i] = (float) (r.nextDouble() * 2 - 1);
      b[i] = (byte) r.nextInt(256);
    }
    for (int len = 0; len <= 800; len += (len < 140 ? 1 : 37)) {
      for (int off : new int[] {0, 1, 3, 17, 64}) {
        int bo = 2 * off + 5;
        double mag = 0;
        for (int i = 0; i < len; i++) {
          mag += Math.abs(a[off + i] * b[bo + i]);
        }
        assertEquals(
            scalar.dot(a, off, b, bo, len),
            simd.dot(a, off, b, bo, len),
            1e-5 * (mag + 1),
            "float x byte dot, length " + len + " offset " + off);
      }
    }
  }

  @Test
  void handWorkedValues() {
    float[] a = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17};
    float[] b = new float[17];
    java.util.Arrays.fill(b, 1f);
    for (VectorKernels k : new VectorKernels[] {VectorKernels.scalar(), Kernels.simdOrNull()}) {
      assertEquals(153f, k.dot(a, 0, b, 0, 17), k.name()); // 17 * 18 / 2
      assertEquals(152f, k.dot(a, 1, b, 0, 16), k.name()); // 2 + 3 + ... + 17
      // sum_{i=1..17} (i - 1)^2 = 16 * 17 * 33 / 6 = 1496
      assertEquals(1496f, k.squareDistance(a, 0, b, 0, 17), k.name());
      byte[] codes = {-128, -1, 0, 1, 127, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2};
      // 1 * -128 + 2 * -1 + 0 + 4 * 1 + 5 * 127 + 2 * (6 + 7 + ... + 17)
      assertEquals(-128 - 2 + 4 + 635 + 2 * 138, k.dot(a, 0, codes, 0, 17), k.name());
    }
  }

  @Test
  void fourAtATimeKernelsEqualTheOneVectorKernelsBitForBit() {
    SplittableRandom r = new SplittableRandom(9);
    float[] a = new float[4000];
    byte[] codes = new byte[4000];
    for (int i = 0; i < a.length; i++) {
      a[i] = (float) (r.nextDouble() * 2 - 1);
      codes[i] = (byte) r.nextInt(256);
    }
    float[] out = new float[6];
    for (VectorKernels k : new VectorKernels[] {Kernels.simdOrNull(), VectorKernels.scalar()}) {
      for (int len = 0; len <= 800; len += (len < 140 ? 1 : 37)) {
        int qo = len % 7;
        int[] o = {900 + len % 5, 1900 - len % 3, 11, 2900 + len % 13};
        String what = k.name() + " length " + len;
        k.dot4(a, qo, a, o[0], o[1], o[2], o[3], len, out, 2);
        for (int j = 0; j < 4; j++) {
          assertEquals(
              Float.floatToIntBits(k.dot(a, qo, a, o[j], len)),
              Float.floatToIntBits(out[2 + j]),
              "dot4 " + what);
        }
        k.squareDistance4(a, qo, a, o[0], o[1], o[2], o[3], len, out, 1);
        for (int j = 0; j < 4; j++) {
          assertEquals(
              Float.floatToIntBits(k.squareDistance(a, qo, a, o[j], len)),
              Float.floatToIntBits(out[1 + j]),
              "l2 " + what);
        }
        k.dot4(a, qo, codes, o[0], o[1], o[2], o[3], len, out, 0);
        for (int j = 0; j < 4; j++) {
          assertEquals(
              Float.floatToIntBits(k.dot(a, qo, codes, o[j], len)),
              Float.floatToIntBits(out[j]),
              "byte dot4 " + what);
        }
      }
    }
  }

  @Test
  void kernelsOverAMappedBlockEqualTheArrayKernelsBitForBit() {
    SplittableRandom r = new SplittableRandom(10);
    float[] a = new float[3000];
    for (int i = 0; i < a.length; i++) {
      a[i] = (float) (r.nextDouble() * 2 - 1);
    }
    // the floats little-endian at an odd byte offset, as inside an index file
    java.lang.foreign.MemorySegment seg =
        java.lang.foreign.Arena.ofAuto().allocate(4L * a.length + 3);
    for (int i = 0; i < a.length; i++) {
      seg.set(VectorKernels.FILE_FLOAT, 3 + 4L * i, a[i]);
    }
    for (VectorKernels k : new VectorKernels[] {Kernels.simdOrNull(), VectorKernels.scalar()}) {
      for (int len = 0; len <= 800; len += (len < 140 ? 1 : 37)) {
        int qo = len % 7;
        int bo = 1500 + len % 11;
        String what = k.name() + " length " + len;
        assertEquals(
            Float.floatToIntBits(k.dot(a, qo, a, bo, len)),
            Float.floatToIntBits(k.dot(a, qo, seg, 3 + 4L * bo, len)),
            "dot " + what);
        assertEquals(
            Float.floatToIntBits(k.squareDistance(a, qo, a, bo, len)),
            Float.floatToIntBits(k.squareDistance(a, qo, seg, 3 + 4L * bo, len)),
            "l2 " + what);
      }
    }
  }
}
