package dev.mlsd.recommendation.data;

/**
 * The book's relevance definition, from explicit and implicit feedback together. MovieLens has no
 * watch log, so a rating stands for both: <b>any rating means watched</b> (implicit feedback), and
 * <b>a rating of at least {@value #LIKED_THRESHOLD} stars means liked</b> (explicit feedback).
 *
 * <p>Training uses both: every watched item is a positive, liked items weigh more (see {@link
 * #weight(float)}). Evaluation counts only liked items as relevant: recommending a film the user
 * went on to rate 1.5 stars is not a success.
 *
 * <p>Book: chapter 6, "Data preparation" (explicit vs implicit feedback).
 */
public final class Relevance {
  /** Ratings at or above this many stars are "liked". */
  public static final float LIKED_THRESHOLD = 4.0f;

  /** Training weight of a watched-but-not-liked interaction. */
  public static final float WATCHED_WEIGHT = 1.0f;

  /** Training weight of a liked interaction. */
  public static final float LIKED_WEIGHT = 2.0f;

  private Relevance() {}

  /**
   * @param rating stars, 0.5 to 5
   * @return whether the rating counts as liked
   */
  public static boolean liked(float rating) {
    return rating >= LIKED_THRESHOLD;
  }

  /**
   * The confidence weight of one observed interaction in training (WALS and the towers).
   *
   * @param rating stars, 0.5 to 5
   * @return {@value #LIKED_WEIGHT} if liked, else {@value #WATCHED_WEIGHT}
   */
  public static float weight(float rating) {
    return liked(rating) ? LIKED_WEIGHT : WATCHED_WEIGHT;
  }
}
