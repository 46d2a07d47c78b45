package dev.mlsd.harmful.data;

/**
 * How much each training example counts in the loss. Crowd labels are noisy: a post two of three
 * raters called hate is a weaker label than one all three did. With {@link #VOTE_AGREEMENT} each
 * example's loss is multiplied by {@link Post#agreement()} (1/3 to 1); with {@link #UNIFORM} every
 * example counts 1. The demo trains with {@code UNIFORM} by default (the authors' setting) and the
 * choice is a training parameter, so the weighting can be switched on without code changes.
 *
 * <p>Caveat: the network passes these weights to DL4J as label masks, and DL4J's output layer
 * applies a non-binary mask to its pre-activation as well as to the loss, so {@code VOTE_AGREEMENT}
 * is not an exact example weighting (a mask of 2 on one of three examples gave a score of 1.96
 * where the weighted log-loss is 1.35). Class weighting does not go through masks for that reason
 * ({@code MultiTaskParams.hateClassWeight}).
 */
public enum LabelWeights {
  /** Every example weighs 1. */
  UNIFORM,
  /** Each example weighs the share of raters that agree with its majority. */
  VOTE_AGREEMENT;

  /** The weight of one post. */
  public float weight(Post p) {
    return this == UNIFORM ? 1f : (float) p.agreement();
  }
}
