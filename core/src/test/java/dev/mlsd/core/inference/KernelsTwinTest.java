package dev.mlsd.core.inference;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The SIMD kernels against their scalar twin, over odd shapes that exercise every tail path. */
class KernelsTwinTest {
  private static final int[] SIZES = {1, 2, 3, 5, 15, 16, 17, 31, 32, 33, 47, 64, 70, 129};

  private static float[] random(SplittableRandom rnd, int n) {
    float[] a = new float[n];
    for (int i = 0; i < n; i++) {
      a[i] = (float) (rnd.nextDouble() * 2 - 1);
    }
    return a;
  }

  @Test
  void denseIsBitIdenticalToTheScalarTwin() {
    SplittableRandom rnd = new SplittableRandom(42);
    Kernels simd = Kernels.simd();
    Kernels scalar = Kernels.scalar();
    for (int rows : new int[] {1, 3, 4, 5, 9, 64}) {
      for (int in : SIZES) {
        for (int out : SIZES) {
          // offsets into bigger arrays, as the graph uses them
          float[] x = random(rnd, 7 + rows * in);
          float[] w = random(rnd, in * out);
          float[] b = random(rnd, out);
          float[] y1 = new float[5 + rows * out];
          float[] y2 = new float[5 + rows * out];
          simd.dense(x, 7, rows, in, w, b, out, y1, 5);
          scalar.dense(x, 7, rows, in, w, b, out, y2, 5);
          assertArrayEquals(y2, y1, 0f, rows + "x" + in + "->" + out);
        }
      }
    }
  }

  @Test
  void dotAgreesToRounding() {
    SplittableRandom rnd = new SplittableRandom(43);
    for (int n : SIZES) {
      float[] a = random(rnd, n + 3);
      float[] b = random(rnd, n + 1);
      float s = Kernels.simd().dot(a, 3, b, 1, n);
      float r = Kernels.scalar().dot(a, 3, b, 1, n);
      assertEquals(r, s, 1e-5f * Math.max(1, n), "n=" + n);
    }
  }

  @Test
  void denseMatchesAHandWorkedProduct() {
    // x = [1, 2], W = [[1, 2, 3], [4, 5, 6]], b = [0.5, 0, -1]  ->  [9.5, 12, 14]
    float[] w = {1, 2, 3, 4, 5, 6};
    float[] y = new float[3];
    for (Kernels k : new Kernels[] {Kernels.scalar(), Kernels.simd()}) {
      k.dense(new float[] {1, 2}, 0, 1, 2, w, new float[] {0.5f, 0, -1}, 3, y, 0);
      assertArrayEquals(new float[] {9.5f, 12, 14}, y, k.toString());
    }
  }
}
