package dev.mlsd.core.inference;

/**
 * Concatenation: each row is the rows of its inputs side by side, in the order given.
 *
 * @param from the nodes joined
 * @param widths their widths
 */
record Concat(int[] from, int[] widths) implements Layer {
  @Override
  public int width() {
    long w = 0;
    for (int x : widths) {
      w += x;
    }
    // the builder refuses a width over InferenceGraph.MAX_WIDTH; never wrap around before that
    return (int) Math.min(w, Integer.MAX_VALUE);
  }

  @Override
  public int[] inputs() {
    return from.clone();
  }

  @Override
  public long flopsPerRow() {
    return 0;
  }

  @Override
  public void forward(Scratch s, int self, int rows, Kernels k) {
    int width = width();
    float[] y = s.buf[self];
    int col = 0;
    for (int p = 0; p < from.length; p++) {
      float[] x = s.buf[from[p]];
      int xOff = s.off[from[p]];
      int wp = widths[p];
      for (int r = 0; r < rows; r++) {
        System.arraycopy(x, xOff + r * wp, y, s.off[self] + r * width + col, wp);
      }
      col += wp;
    }
  }
}
