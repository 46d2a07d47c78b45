package dev.mlsd.harmful.serving;

import dev.mlsd.harmful.data.Post;

/**
 * A reviewer's decision on a post, as a training example: one line of the {@link TrainingLog}.
 *
 * @param postId the post
 * @param text its text
 * @param decision "hate", "offensive" or "neither"
 * @param reason why it was reviewed ({@link ReviewReason} name)
 * @param reviewer who decided
 * @param timeMillis when, epoch milliseconds
 */
public record LabelledExample(
    long postId, String text, String decision, String reason, String reviewer, long timeMillis) {

  /**
   * The example as a {@link Post} for the next training run: one rater who chose the decided
   * category, so the task labels ({@link dev.mlsd.harmful.data.HarmTask#isPositive}) follow the
   * decision.
   *
   * @param id the id the post gets in the training set
   */
  public Post toPost(int id) {
    ReviewDecision d = ReviewDecision.parse(decision);
    return new Post(
        id,
        text,
        1,
        d == ReviewDecision.HATE ? 1 : 0,
        d == ReviewDecision.OFFENSIVE ? 1 : 0,
        d == ReviewDecision.NEITHER ? 1 : 0,
        d.threeClass());
  }
}
