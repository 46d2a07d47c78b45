package dev.mlsd.core.inference;

/**
 * The DCN-V2 cross layer in matrix form (Wang et al. 2021, "DCN V2"): {@code x_{l+1} = x0 ⊙ (W x_l
 * + b) + x_l}. Stored like a dense layer: {@code w} is {@code [d, d]} row-major in DL4J's {@code
 * [nIn, nOut]} layout, so the product is computed as {@code x_l w + b} on row vectors (the paper's
 * {@code W} is this {@code w} transposed). Cost O(d^2) per row, batched as a matrix-matrix product.
 *
 * @param x0 the node holding {@code x0}
 * @param xl the node holding {@code x_l}
 * @param d the width of both
 * @param w weights, {@code d * d} values
 * @param b bias, {@code d} values
 */
record CrossV2(int x0, int xl, int d, float[] w, float[] b) implements Layer {
  CrossV2 {
    InferenceGraph.requireLength("cross-v2 weights", w, (long) d * d);
    InferenceGraph.requireLength("cross-v2 bias", b, d);
  }

  @Override
  public int width() {
    return d;
  }

  @Override
  public int[] inputs() {
    return new int[] {x0, xl};
  }

  @Override
  public int tmpPerRow() {
    return d;
  }

  @Override
  public long flopsPerRow() {
    return 2L * d * d + 3L * d;
  }

  @Override
  public void forward(Scratch s, int self, int rows, Kernels k) {
    float[] t = s.tmp;
    float[] a = s.buf[x0];
    float[] l = s.buf[xl];
    float[] y = s.buf[self];
    k.dense(l, s.off[xl], rows, d, w, b, d, t, 0);
    for (int r = 0; r < rows; r++) {
      int ar = s.off[x0] + r * d;
      int lr = s.off[xl] + r * d;
      int yr = s.off[self] + r * d;
      int tr = r * d;
      for (int j = 0; j < d; j++) {
        y[yr + j] = a[ar + j] * t[tr + j] + l[lr + j];
      }
    }
  }
}
