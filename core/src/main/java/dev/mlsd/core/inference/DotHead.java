package dev.mlsd.core.inference;

/**
 * The two-tower head: the dot product of a query (user) embedding and a candidate (item) embedding
 * of the same width, one value per row. Follow it with a sigmoid head for a probability.
 *
 * @param a the query-tower node
 * @param b the candidate-tower node
 * @param d their width
 */
record DotHead(int a, int b, int d) implements Layer {
  @Override
  public int width() {
    return 1;
  }

  @Override
  public int[] inputs() {
    return new int[] {a, b};
  }

  @Override
  public long flopsPerRow() {
    return 2L * d;
  }

  @Override
  public void forward(Scratch s, int self, int rows, Kernels k) {
    float[] y = s.buf[self];
    for (int r = 0; r < rows; r++) {
      y[s.off[self] + r] = k.dot(s.buf[a], s.off[a] + r * d, s.buf[b], s.off[b] + r * d, d);
    }
  }
}
