package dev.mlsd.core.metrics.online;

import dev.mlsd.core.metrics.Checks;
import java.util.List;

/**
 * The news feed's engagement score: a weighted sum over reactions,
 *
 * <pre>
 *   score = sum_r w_r * P(r)
 * </pre>
 *
 * where P(r) is the predicted probability of reaction r for a (user, post) pair (or, to score a
 * replayed log, the observed count of r per impression). The book's weights, in the order of {@link
 * #REACTIONS}: click 1, like 5, comment 10, share 20, friend request 30, hide -20, block -50; the
 * negative weights push posts a user would hide or block down the feed. Unbounded; higher is
 * better. Posts are ranked by it.
 *
 * <p>Book: chapter 10 (personalised news feed). The book's worked example scores one post at 4.659;
 * a test reproduces it.
 *
 * <p>Thread safety: immutable.
 */
public final class WeightedEngagementScore {
  /** The reaction of each weight, in order. */
  public static final List<String> REACTIONS =
      List.of("click", "like", "comment", "share", "friend request", "hide", "block");

  /** Index of each reaction in the weight and probability arrays. */
  public static final int CLICK = 0;

  /** Index of "like". */
  public static final int LIKE = 1;

  /** Index of "comment". */
  public static final int COMMENT = 2;

  /** Index of "share". */
  public static final int SHARE = 3;

  /** Index of "friend request". */
  public static final int FRIEND_REQUEST = 4;

  /** Index of "hide". */
  public static final int HIDE = 5;

  /** Index of "block". */
  public static final int BLOCK = 6;

  /** The book's weights. */
  public static final WeightedEngagementScore BOOK =
      new WeightedEngagementScore(new double[] {1, 5, 10, 20, 30, -20, -50});

  private final double[] weights;

  /**
   * A score with other weights.
   *
   * @param weights one finite weight per reaction, in the order of {@link #REACTIONS}; copied
   */
  public WeightedEngagementScore(double[] weights) {
    Checks.sameLength(weights.length, REACTIONS.size(), "weights and reactions");
    for (int i = 0; i < weights.length; i++) {
      if (!Double.isFinite(weights[i])) {
        throw new IllegalArgumentException("weight of " + REACTIONS.get(i) + " is not finite");
      }
    }
    this.weights = weights.clone();
  }

  /** The weight of reaction {@code r} (an index such as {@link #LIKE}). */
  public double weight(int r) {
    return weights[r];
  }

  /**
   * Scores one post.
   *
   * @param values one value per reaction, in the order of {@link #REACTIONS}: predicted
   *     probabilities, or observed counts per impression; each finite and at least 0
   */
  public double score(double[] values) {
    Checks.sameLength(values.length, weights.length, "values and weights");
    double score = 0;
    for (int r = 0; r < weights.length; r++) {
      double v = values[r];
      if (!(v >= 0) || Double.isInfinite(v)) {
        throw new IllegalArgumentException(
            REACTIONS.get(r) + " value " + v + " is not finite and >= 0");
      }
      score += weights[r] * v;
    }
    return score;
  }

  /**
   * Scores one post from float predictions (the model heads' output).
   *
   * @param probabilities one probability per reaction, in the order of {@link #REACTIONS}
   */
  public double score(float[] probabilities) {
    Checks.sameLength(probabilities.length, weights.length, "probabilities and weights");
    Checks.probabilities(probabilities, "probabilities");
    double score = 0;
    for (int r = 0; r < weights.length; r++) {
      score += weights[r] * probabilities[r];
    }
    return score;
  }
}
