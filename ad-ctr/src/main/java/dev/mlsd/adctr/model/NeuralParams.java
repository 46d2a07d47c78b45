package dev.mlsd.adctr.model;

/**
 * Hyper-parameters shared by the deep click models.
 *
 * @param embeddingDim size of each field's embedding
 * @param hidden widths of the deep part's hidden layers (ReLU)
 * @param crossLayers cross layers (DCN only)
 * @param learningRate Adam's step
 * @param l2 L2 on all weights
 * @param batchSize rows per step
 * @param maxEpochs passes at most; the epoch with the best validation loss is kept
 */
public record NeuralParams(
    int embeddingDim,
    int[] hidden,
    int crossLayers,
    double learningRate,
    double l2,
    int batchSize,
    int maxEpochs) {
  /** Defaults chosen on the Criteo validation split. */
  public static final NeuralParams DEFAULT =
      new NeuralParams(8, new int[] {64, 32}, 2, 2e-3, 1e-5, 256, 6);

  /** Checks the values. */
  public NeuralParams {
    if (embeddingDim < 1 || hidden.length == 0 || crossLayers < 0 || batchSize < 1) {
      throw new IllegalArgumentException("invalid neural parameters");
    }
    hidden = hidden.clone();
  }

  /** A short rendering for model cards. */
  public String describe() {
    return "k="
        + embeddingDim
        + " hidden="
        + java.util.Arrays.toString(hidden)
        + " cross="
        + crossLayers
        + " lr="
        + learningRate
        + " l2="
        + l2
        + " batch="
        + batchSize
        + " maxEpochs="
        + maxEpochs;
  }
}
