package dev.mlsd.core.inference;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The SIMD {@link Kernels}, on {@code jdk.incubator.vector} at the machine's preferred width (16
 * floats with AVX-512).
 *
 * <p>The dense product is register-blocked: a block of 4 rows by 4 vectors of output columns keeps
 * 16 accumulators in registers, and for each input index {@code i} loads 4 weight vectors,
 * broadcasts 4 inputs and issues 16 fused multiply-adds; narrower leftovers use 4 rows by 2
 * vectors, then one masked vector, and leftover rows run one at a time. Each output lane
 * accumulates its terms in order of {@code i} starting from the bias, exactly as {@link
 * ScalarKernels} does, so the two agree bit for bit. The loop over column strips is outermost, so
 * one strip of {@code W} ({@code in} by 64 floats) stays in cache while all row blocks stream past
 * it.
 *
 * <p>Thread safety: stateless.
 */
public final class SimdKernels implements Kernels {
  static final SimdKernels INSTANCE = new SimdKernels();

  private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
  private static final int L = S.length();

  private SimdKernels() {}

  /** Floats per vector on this machine. */
  public static int lanes() {
    return L;
  }

  @Override
  public void dense(
      float[] x, int xOff, int rows, int in, float[] w, float[] b, int out, float[] y, int yOff) {
    // column strips outermost: one strip of W (in x 2 vectors) stays in L1/L2 while every row
    // block streams past it
    int j = 0;
    for (; j + 4 * L <= out; j += 4 * L) {
      int r = 0;
      for (; r + 4 <= rows; r += 4) {
        block4x4(x, xOff + r * in, in, w, b, out, j, y, yOff + r * out);
      }
      for (; r < rows; r++) {
        block1x2(x, xOff + r * in, in, w, b, out, j, y, yOff + r * out);
        block1x2(x, xOff + r * in, in, w, b, out, j + 2 * L, y, yOff + r * out);
      }
    }
    for (; j + 2 * L <= out; j += 2 * L) {
      int r = 0;
      for (; r + 4 <= rows; r += 4) {
        block4x2(x, xOff + r * in, in, w, b, out, j, y, yOff + r * out);
      }
      for (; r < rows; r++) {
        block1x2(x, xOff + r * in, in, w, b, out, j, y, yOff + r * out);
      }
    }
    for (; j < out; j += L) {
      int r = 0;
      for (; r + 4 <= rows; r += 4) {
        block4x1(x, xOff + r * in, in, w, b, out, j, y, yOff + r * out);
      }
      for (; r < rows; r++) {
        block1x1(x, xOff + r * in, in, w, b, out, j, y, yOff + r * out);
      }
    }
  }

  private static void block4x4(
      float[] x, int x0, int in, float[] w, float[] b, int out, int j, float[] y, int y0) {
    FloatVector b0 = FloatVector.fromArray(S, b, j);
    FloatVector b1 = FloatVector.fromArray(S, b, j + L);
    FloatVector b2 = FloatVector.fromArray(S, b, j + 2 * L);
    FloatVector b3 = FloatVector.fromArray(S, b, j + 3 * L);
    FloatVector a00 = b0, a01 = b1, a02 = b2, a03 = b3;
    FloatVector a10 = b0, a11 = b1, a12 = b2, a13 = b3;
    FloatVector a20 = b0, a21 = b1, a22 = b2, a23 = b3;
    FloatVector a30 = b0, a31 = b1, a32 = b2, a33 = b3;
    int x1 = x0 + in;
    int x2 = x1 + in;
    int x3 = x2 + in;
    int wi = j;
    for (int i = 0; i < in; i++, wi += out) {
      FloatVector w0 = FloatVector.fromArray(S, w, wi);
      FloatVector w1 = FloatVector.fromArray(S, w, wi + L);
      FloatVector w2 = FloatVector.fromArray(S, w, wi + 2 * L);
      FloatVector w3 = FloatVector.fromArray(S, w, wi + 3 * L);
      FloatVector v = FloatVector.broadcast(S, x[x0 + i]);
      a00 = w0.fma(v, a00);
      a01 = w1.fma(v, a01);
      a02 = w2.fma(v, a02);
      a03 = w3.fma(v, a03);
      v = FloatVector.broadcast(S, x[x1 + i]);
      a10 = w0.fma(v, a10);
      a11 = w1.fma(v, a11);
      a12 = w2.fma(v, a12);
      a13 = w3.fma(v, a13);
      v = FloatVector.broadcast(S, x[x2 + i]);
      a20 = w0.fma(v, a20);
      a21 = w1.fma(v, a21);
      a22 = w2.fma(v, a22);
      a23 = w3.fma(v, a23);
      v = FloatVector.broadcast(S, x[x3 + i]);
      a30 = w0.fma(v, a30);
      a31 = w1.fma(v, a31);
      a32 = w2.fma(v, a32);
      a33 = w3.fma(v, a33);
    }
    store4(a00, a01, a02, a03, y, y0 + j);
    store4(a10, a11, a12, a13, y, y0 + out + j);
    store4(a20, a21, a22, a23, y, y0 + 2 * out + j);
    store4(a30, a31, a32, a33, y, y0 + 3 * out + j);
  }

  private static void store4(
      FloatVector a0, FloatVector a1, FloatVector a2, FloatVector a3, float[] y, int at) {
    a0.intoArray(y, at);
    a1.intoArray(y, at + L);
    a2.intoArray(y, at + 2 * L);
    a3.intoArray(y, at + 3 * L);
  }

  private static void block4x2(
      float[] x, int x0, int in, float[] w, float[] b, int out, int j, float[] y, int y0) {
    FloatVector b0 = FloatVector.fromArray(S, b, j);
    FloatVector b1 = FloatVector.fromArray(S, b, j + L);
    FloatVector a00 = b0, a01 = b1, a10 = b0, a11 = b1;
    FloatVector a20 = b0, a21 = b1, a30 = b0, a31 = b1;
    int x1 = x0 + in;
    int x2 = x1 + in;
    int x3 = x2 + in;
    int wi = j;
    for (int i = 0; i < in; i++, wi += out) {
      FloatVector w0 = FloatVector.fromArray(S, w, wi);
      FloatVector w1 = FloatVector.fromArray(S, w, wi + L);
      FloatVector v = FloatVector.broadcast(S, x[x0 + i]);
      a00 = w0.fma(v, a00);
      a01 = w1.fma(v, a01);
      v = FloatVector.broadcast(S, x[x1 + i]);
      a10 = w0.fma(v, a10);
      a11 = w1.fma(v, a11);
      v = FloatVector.broadcast(S, x[x2 + i]);
      a20 = w0.fma(v, a20);
      a21 = w1.fma(v, a21);
      v = FloatVector.broadcast(S, x[x3 + i]);
      a30 = w0.fma(v, a30);
      a31 = w1.fma(v, a31);
    }
    int y1 = y0 + out;
    int y2 = y1 + out;
    int y3 = y2 + out;
    a00.intoArray(y, y0 + j);
    a01.intoArray(y, y0 + j + L);
    a10.intoArray(y, y1 + j);
    a11.intoArray(y, y1 + j + L);
    a20.intoArray(y, y2 + j);
    a21.intoArray(y, y2 + j + L);
    a30.intoArray(y, y3 + j);
    a31.intoArray(y, y3 + j + L);
  }

  private static void block4x1(
      float[] x, int x0, int in, float[] w, float[] b, int out, int j, float[] y, int y0) {
    // the mask is made here, not passed in: a mask argument to a method the JIT does not inline
    // is boxed at every call (48 B per call, ~4.9 KB per 400-row batch of a 1-wide output layer)
    VectorMask<Float> m = S.indexInRange(j, out);
    FloatVector b0 = FloatVector.fromArray(S, b, j, m);
    FloatVector a0 = b0, a1 = b0, a2 = b0, a3 = b0;
    int x1 = x0 + in;
    int x2 = x1 + in;
    int x3 = x2 + in;
    int wi = j;
    for (int i = 0; i < in; i++, wi += out) {
      FloatVector w0 = FloatVector.fromArray(S, w, wi, m);
      a0 = w0.fma(FloatVector.broadcast(S, x[x0 + i]), a0);
      a1 = w0.fma(FloatVector.broadcast(S, x[x1 + i]), a1);
      a2 = w0.fma(FloatVector.broadcast(S, x[x2 + i]), a2);
      a3 = w0.fma(FloatVector.broadcast(S, x[x3 + i]), a3);
    }
    a0.intoArray(y, y0 + j, m);
    a1.intoArray(y, y0 + out + j, m);
    a2.intoArray(y, y0 + 2 * out + j, m);
    a3.intoArray(y, y0 + 3 * out + j, m);
  }

  private static void block1x2(
      float[] x, int x0, int in, float[] w, float[] b, int out, int j, float[] y, int y0) {
    FloatVector a0 = FloatVector.fromArray(S, b, j);
    FloatVector a1 = FloatVector.fromArray(S, b, j + L);
    int wi = j;
    for (int i = 0; i < in; i++, wi += out) {
      FloatVector v = FloatVector.broadcast(S, x[x0 + i]);
      a0 = FloatVector.fromArray(S, w, wi).fma(v, a0);
      a1 = FloatVector.fromArray(S, w, wi + L).fma(v, a1);
    }
    a0.intoArray(y, y0 + j);
    a1.intoArray(y, y0 + j + L);
  }

  private static void block1x1(
      float[] x, int x0, int in, float[] w, float[] b, int out, int j, float[] y, int y0) {
    // the mask is made here, not passed in: a mask argument to a method the JIT does not inline
    // is boxed at every call (48 B per call, ~4.9 KB per 400-row batch of a 1-wide output layer)
    VectorMask<Float> m = S.indexInRange(j, out);
    FloatVector a0 = FloatVector.fromArray(S, b, j, m);
    int wi = j;
    for (int i = 0; i < in; i++, wi += out) {
      a0 = FloatVector.fromArray(S, w, wi, m).fma(FloatVector.broadcast(S, x[x0 + i]), a0);
    }
    a0.intoArray(y, y0 + j, m);
  }

  @Override
  public float dot(float[] a, int aOff, float[] b, int bOff, int n) {
    FloatVector acc = FloatVector.zero(S);
    int i = 0;
    for (; i + L <= n; i += L) {
      acc = FloatVector.fromArray(S, a, aOff + i).fma(FloatVector.fromArray(S, b, bOff + i), acc);
    }
    float s = acc.reduceLanes(VectorOperators.ADD);
    for (; i < n; i++) {
      s = Math.fma(a[aOff + i], b[bOff + i], s);
    }
    return s;
  }

  @Override
  public String toString() {
    return "simd(" + L + " lanes)";
  }
}
