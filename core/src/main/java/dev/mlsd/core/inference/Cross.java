package dev.mlsd.core.inference;

/**
 * The DCN cross layer (Wang et al. 2017, "Deep &amp; Cross Network for Ad Click Predictions"):
 * {@code x_{l+1} = x0 * (w^T x_l) + b + x_l}, where {@code w^T x_l} is one scalar per row. Cost
 * O(d) per row.
 *
 * @param x0 the node holding the stack's input {@code x0}
 * @param xl the node holding the previous cross output {@code x_l} (equal to {@code x0} for the
 *     first layer)
 * @param d the width of both
 * @param w the weight vector, {@code d} values
 * @param b the bias vector, {@code d} values
 */
record Cross(int x0, int xl, int d, float[] w, float[] b) implements Layer {
  Cross {
    InferenceGraph.requireLength("cross weight", w, d);
    InferenceGraph.requireLength("cross bias", b, d);
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
  public long flopsPerRow() {
    return 5L * d;
  }

  @Override
  public void forward(Scratch s, int self, int rows, Kernels k) {
    float[] a = s.buf[x0];
    float[] l = s.buf[xl];
    float[] y = s.buf[self];
    for (int r = 0; r < rows; r++) {
      int ar = s.off[x0] + r * d;
      int lr = s.off[xl] + r * d;
      int yr = s.off[self] + r * d;
      float proj = k.dot(l, lr, w, 0, d);
      for (int j = 0; j < d; j++) {
        y[yr + j] = a[ar + j] * proj + b[j] + l[lr + j];
      }
    }
  }
}
