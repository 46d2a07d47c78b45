package dev.mlsd.core.inference;

/**
 * A fully connected layer, {@code y = f(x W + b)}, with {@code W} of shape {@code [in, out]},
 * row-major (DL4J's layout). A batch-norm that followed it in training is folded into {@code W} and
 * {@code b} by {@link BatchNormFolding}.
 *
 * @param input the node read
 * @param in input width
 * @param out output width
 * @param w weights, {@code in * out} values
 * @param b bias, {@code out} values
 * @param activation applied after the product
 * @param alpha the leaky-ReLU slope (ignored by other activations)
 */
record Dense(int input, int in, int out, float[] w, float[] b, Activation activation, float alpha)
    implements Layer {
  Dense {
    InferenceGraph.requireLength("dense weights", w, (long) in * out);
    InferenceGraph.requireLength("dense bias", b, out);
  }

  @Override
  public int width() {
    return out;
  }

  @Override
  public int[] inputs() {
    return new int[] {input};
  }

  @Override
  public long flopsPerRow() {
    return 2L * in * out;
  }

  @Override
  public void forward(Scratch s, int self, int rows, Kernels k) {
    float[] y = s.buf[self];
    int yOff = s.off[self];
    k.dense(s.buf[input], s.off[input], rows, in, w, b, out, y, yOff);
    activation.apply(y, yOff, rows, out, alpha);
  }
}
