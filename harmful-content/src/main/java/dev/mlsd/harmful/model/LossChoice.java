package dev.mlsd.harmful.model;

/**
 * The per-task loss of the multi-task network: binary cross-entropy (the book's default) or {@link
 * FocalLoss} for class imbalance.
 *
 * @param focal whether to use focal loss
 * @param alpha focal loss's positive-class weight (ignored for cross-entropy)
 * @param gamma focal loss's focusing parameter (ignored for cross-entropy)
 */
public record LossChoice(boolean focal, double alpha, double gamma) {
  /** Binary cross-entropy. */
  public static final LossChoice CROSS_ENTROPY = new LossChoice(false, 0.5, 0);

  /** Focal loss with Lin et al.'s gamma 2 and a neutral alpha. */
  public static final LossChoice FOCAL = new LossChoice(true, 0.5, 2.0);

  /** A short description for model cards. */
  public String describe() {
    return focal ? "focal(alpha=" + alpha + ", gamma=" + gamma + ")" : "binary cross-entropy";
  }
}
