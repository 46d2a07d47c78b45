package dev.mlsd.core.inference;

/**
 * Element-wise sum of nodes of equal width, in the order given: DeepFM's logit is linear + FM +
 * deep.
 *
 * @param from the nodes summed
 * @param width their common width
 */
record Add(int[] from, int width) implements Layer {
  @Override
  public int[] inputs() {
    return from.clone();
  }

  @Override
  public long flopsPerRow() {
    return (long) (from.length - 1) * width;
  }

  @Override
  public void forward(Scratch s, int self, int rows, Kernels k) {
    float[] y = s.buf[self];
    int yOff = s.off[self];
    int n = rows * width;
    System.arraycopy(s.buf[from[0]], s.off[from[0]], y, yOff, n);
    for (int p = 1; p < from.length; p++) {
      float[] x = s.buf[from[p]];
      int xOff = s.off[from[p]];
      for (int i = 0; i < n; i++) {
        y[yOff + i] += x[xOff + i];
      }
    }
  }
}
