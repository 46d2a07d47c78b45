package dev.mlsd.core.inference;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Hand-worked fixtures for each layer, chunking, and refusal of bad input. */
class InferenceGraphTest {

  static float[] random(long seed, int n) {
    SplittableRandom rnd = new SplittableRandom(seed);
    float[] a = new float[n];
    for (int i = 0; i < n; i++) {
      a[i] = (float) (rnd.nextDouble() * 2 - 1);
    }
    return a;
  }

  private static float[] score(InferenceGraph g, float[] x, int[] ids, int rows) {
    float[] out = new float[rows * g.outputWidth()];
    g.score(x, ids, rows, out, g.newScratch(8));
    return out;
  }

  @Test
  void fmSecondOrderEqualsTheSumOfPairwiseDotProducts() {
    // fields v1 = (1, 2), v2 = (3, 4), v3 = (-1, 0.5): <v1,v2> + <v1,v3> + <v2,v3> = 11 + 0 - 1 =
    // 10
    InferenceGraph.Builder b = InferenceGraph.builder(6, 0);
    b.fmSecondOrder(b.input(), 3);
    float[] out = score(b.build(), new float[] {1, 2, 3, 4, -1, 0.5f}, null, 1);
    assertArrayEquals(new float[] {10f}, out, 1e-6f);
    // the same three vectors dimension-major: (1, 3, -1 | 2, 4, 0.5)
    InferenceGraph.Builder ncw = InferenceGraph.builder(6, 0);
    ncw.fmSecondOrder(ncw.input(), 3, Pooling.CONCAT_NCW);
    out = score(ncw.build(), new float[] {1, 3, -1, 2, 4, 0.5f}, null, 1);
    assertArrayEquals(new float[] {10f}, out, 1e-6f);
  }

  @Test
  void crossLayerMatchesTheFormulaByHand() {
    // x0 = (1, 2), w = (0.5, -1), b = (0.1, 0.2): w.x0 = -1.5, y = x0 * -1.5 + b + x0 = (-0.4,
    // -0.8)
    InferenceGraph.Builder b = InferenceGraph.builder(2, 0);
    b.cross(0, 0, new float[] {0.5f, -1}, new float[] {0.1f, 0.2f});
    assertArrayEquals(
        new float[] {-0.4f, -0.8f}, score(b.build(), new float[] {1, 2}, null, 1), 1e-6f);
  }

  @Test
  void crossV2MatchesTheFormulaByHand() {
    // x0 = (1, 2), W (as [in,out]) = [[1, 0], [1, 1]], b = (0, 1): x0 W + b = (3, 3); y =
    // x0*(3,3)+x0
    InferenceGraph.Builder b = InferenceGraph.builder(2, 0);
    b.crossV2(0, 0, new float[] {1, 0, 1, 1}, new float[] {0, 1});
    assertArrayEquals(new float[] {4, 8}, score(b.build(), new float[] {1, 2}, null, 1), 1e-6f);
  }

  @Test
  void embeddingPoolsSkipPaddingAndMeanDividesByRealIds() {
    float[] table = {1, 10, 2, 20, 3, 30}; // vocab 3, dim 2
    for (Pooling p : Pooling.values()) {
      InferenceGraph.Builder b = InferenceGraph.builder(0, 3);
      b.embedding(0, 3, table, 2, p);
      float[] out = score(b.build(), null, new int[] {0, 2, -1}, 1);
      float[] expected =
          switch (p) {
            case CONCAT -> new float[] {1, 10, 3, 30, 0, 0};
            case CONCAT_NCW -> new float[] {1, 3, 0, 10, 30, 0};
            case SUM -> new float[] {4, 40};
            case MEAN -> new float[] {2, 20};
          };
      assertArrayEquals(expected, out, 1e-6f, p.name());
    }
  }

  @Test
  void dotConcatAddAndSigmoidHeadCompose() {
    // input (a1, a2, b1, b2) -> embedding of one id concatenated -> dot head -> sigmoid
    InferenceGraph.Builder b = InferenceGraph.builder(2, 1);
    int emb = b.embedding(0, 1, new float[] {0.5f, -0.5f, 2, 1}, 2, Pooling.SUM);
    int sum = b.add(b.input(), emb);
    int dot = b.dot(sum, b.input());
    b.activation(dot, Activation.SIGMOID);
    InferenceGraph g = b.build();
    // x = (1, 2), id 1 -> e = (2, 1); sum = (3, 3); dot(sum, x) = 9; sigmoid(9)
    float[] out = score(g, new float[] {1, 2}, new int[] {1}, 1);
    assertEquals(Activation.sigmoid(9f), out[0], 1e-7f);
  }

  @Test
  void scoringInChunksEqualsScoringAtOnceAndScalarEqualsSimd() {
    InferenceGraph.Builder b = InferenceGraph.builder(13, 2);
    int e = b.embedding(0, 2, random(1, 7 * 3), 3, Pooling.CONCAT);
    int c = b.concat(b.input(), e);
    int h = b.dense(c, random(2, 19 * 24), random(3, 24), Activation.RELU);
    int x1 = b.crossV2(c, c, random(4, 19 * 19), random(5, 19));
    int j = b.concat(h, x1);
    b.dense(j, random(6, 43), random(7, 1), Activation.SIGMOID);
    InferenceGraph g = b.build();
    int rows = 21;
    float[] x = random(8, rows * 13);
    int[] ids = new int[rows * 2];
    for (int i = 0; i < ids.length; i++) {
      ids[i] = (i * 5) % 7;
    }
    float[] big = new float[rows];
    float[] small = new float[rows];
    float[] scalar = new float[rows];
    g.score(x, ids, rows, big, g.newScratch(64));
    g.score(x, ids, rows, small, g.newScratch(4));
    InferenceGraph gs = g.withKernels(Kernels.scalar());
    gs.score(x, ids, rows, scalar, gs.newScratch(5));
    assertArrayEquals(big, small, 0f);
    assertArrayEquals(big, scalar, 0f);
    assertTrue(g.flopsPerRow() > 2L * 19 * 24);
  }

  @Test
  void badInputIsRefusedWithAClearMessage() {
    InferenceGraph.Builder b = InferenceGraph.builder(2, 1);
    int e = b.embedding(0, 1, new float[] {1, 2, 3, 4}, 2, Pooling.SUM);
    b.add(b.input(), e);
    InferenceGraph g = b.build();
    Scratch s = g.newScratch(4);
    float[] out = new float[4];
    var outOfVocab =
        assertThrows(
            IllegalArgumentException.class, () -> g.score(new float[2], new int[] {2}, 1, out, s));
    assertTrue(outOfVocab.getMessage().contains("outside vocabulary 2"));
    assertThrows(
        IllegalArgumentException.class, () -> g.score(new float[3], new int[] {0, 1}, 2, out, s));
    assertThrows(
        IllegalArgumentException.class, () -> g.score(new float[4], new int[] {0}, 2, out, s));
    assertThrows(
        IllegalArgumentException.class,
        () -> g.score(new float[2], new int[] {0}, 1, out, b.build().newScratch(4)));
    assertThrows(IllegalArgumentException.class, () -> g.newScratch(0));
    assertThrows(
        IllegalArgumentException.class,
        () -> InferenceGraph.builder(2, 0).dense(0, new float[5], new float[3], Activation.RELU));
    assertThrows(IllegalArgumentException.class, () -> InferenceGraph.builder(2, 0).concat(0, 1));
    assertThrows(
        IllegalArgumentException.class,
        () -> InferenceGraph.builder(2, 1).embedding(0, 2, new float[4], 2, Pooling.SUM));
  }

  @Test
  void batchNormFoldingMatchesDenseThenNormalise() {
    float[] w = random(10, 3 * 4);
    float[] bias = random(11, 4);
    float[] gamma = {1.5f, 0.5f, -1, 2};
    float[] beta = {0.1f, 0.2f, 0.3f, 0.4f};
    float[] mean = {1, -1, 0.5f, 0};
    float[] var = {0.25f, 4, 1, 0.01f};
    float[] x = {0.3f, -0.7f, 1.1f};
    float[] expected = new float[4];
    for (int j = 0; j < 4; j++) {
      double z = bias[j];
      for (int i = 0; i < 3; i++) {
        z += x[i] * w[i * 4 + j];
      }
      expected[j] = (float) (gamma[j] * (z - mean[j]) / Math.sqrt(var[j] + 1e-5) + beta[j]);
    }
    BatchNormFolding.fold(w, bias, gamma, beta, mean, var, 1e-5);
    float[] y = new float[4];
    Kernels.scalar().dense(x, 0, 1, 3, w, bias, 4, y, 0);
    assertArrayEquals(expected, y, 1e-5f);
  }
}
