package dev.mlsd.core.inference;

/**
 * A standalone activation, usually the model's head: a sigmoid over a summed logit (DeepFM) or a
 * softmax over class scores.
 *
 * @param input the node read
 * @param width its width
 * @param activation the function
 * @param alpha the leaky-ReLU slope (ignored by other activations)
 */
record ActivationHead(int input, int width, Activation activation, float alpha) implements Layer {
  @Override
  public int[] inputs() {
    return new int[] {input};
  }

  @Override
  public long flopsPerRow() {
    return width;
  }

  @Override
  public void forward(Scratch s, int self, int rows, Kernels k) {
    System.arraycopy(s.buf[input], s.off[input], s.buf[self], s.off[self], rows * width);
    activation.apply(s.buf[self], s.off[self], rows, width, alpha);
  }
}
