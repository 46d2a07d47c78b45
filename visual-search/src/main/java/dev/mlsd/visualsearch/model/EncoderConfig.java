package dev.mlsd.visualsearch.model;

import dev.mlsd.visualsearch.features.Augmenter;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Everything that decides a trained encoder apart from the data and the seed: the CNN's shape, the
 * contrastive loss's temperature, the optimiser and the budget. Part of the encoder's card and so
 * of its cache key.
 *
 * <p>The CNN: {@code conv3x3(c1) bn relu -> maxpool2 -> conv3x3(c2) bn relu -> maxpool2 -> conv3x3
 * stride 2 (c3) bn relu -> dense(representation) bn} is the encoder; training adds the projection
 * head {@code dense(representation) relu -> dense(projection)} and applies the loss to its output
 * (SimCLR: the representation before the head retrieves better than the head's output).
 *
 * <p>Book: chapter 2, "Model development" (a CNN encoder) and "Model training" (contrastive).
 *
 * @param height input height
 * @param width input width
 * @param channels input channels
 * @param conv1 channels of the first convolution
 * @param conv2 channels of the second
 * @param conv3 channels of the third (stride 2)
 * @param representation the embedding width served (64-128)
 * @param projection the projection head's output width (the loss's space)
 * @param temperature the loss's temperature tau
 * @param batchImages images per batch (each gives two views)
 * @param learningRate Adam's peak learning rate (warm-up, then cosine decay: {@link
 *     ContrastiveTrainer})
 * @param maxEpochs passes over the gallery at most
 * @param budgetSeconds wall-clock training budget; training stops at the first batch after it
 * @param augmenter the random views
 */
public record EncoderConfig(
    int height,
    int width,
    int channels,
    int conv1,
    int conv2,
    int conv3,
    int representation,
    int projection,
    double temperature,
    int batchImages,
    double learningRate,
    int maxEpochs,
    int budgetSeconds,
    Augmenter augmenter) {

  public EncoderConfig {
    if (height < 8 || width < 8 || (channels != 1 && channels != 3)) {
      throw new IllegalArgumentException(
          "the encoder needs images of at least 8x8, 1 or 3 channels");
    }
    if (representation < 1
        || projection < 1
        || batchImages < 2
        || maxEpochs < 1
        || budgetSeconds < 1) {
      throw new IllegalArgumentException("sizes, batch, epochs and budget must be positive");
    }
  }

  /** The demo's training budget in seconds unless {@code --train-seconds} says otherwise. */
  public static final int DEFAULT_BUDGET_SECONDS = 540;

  /** The demo's encoder for an image shape. */
  public static EncoderConfig standard(int height, int width, int channels, int budgetSeconds) {
    return new EncoderConfig(
        height,
        width,
        channels,
        16,
        32,
        64,
        128,
        64,
        0.2,
        256,
        1e-3,
        30,
        budgetSeconds,
        Augmenter.DEFAULT);
  }

  /** Height after the two poolings and the strided convolution. */
  public int finalHeight() {
    return ((height / 2) / 2 + 2 - 3) / 2 + 1;
  }

  /** Width after the two poolings and the strided convolution. */
  public int finalWidth() {
    return ((width / 2) / 2 + 2 - 3) / 2 + 1;
  }

  /** The hyper-parameters as strings, for the model card. */
  public Map<String, String> asMap() {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("input", height + "x" + width + "x" + channels);
    m.put("architecture", "conv-bn-relu x3, dense-bn representation, dense-relu-dense head");
    m.put("conv", conv1 + "," + conv2 + "," + conv3);
    m.put("representation", Integer.toString(representation));
    m.put("projection", Integer.toString(projection));
    m.put("temperature", Double.toString(temperature));
    m.put("batch_images", Integer.toString(batchImages));
    m.put("learning_rate", Double.toString(learningRate));
    m.put(
        "schedule",
        "linear warm-up " + ContrastiveTrainer.WARMUP_STEPS + " steps, cosine decay to 0");
    m.put("max_epochs", Integer.toString(maxEpochs));
    m.put("budget_seconds", Integer.toString(budgetSeconds));
    m.put("augmenter", augmenter.toString());
    return m;
  }
}
