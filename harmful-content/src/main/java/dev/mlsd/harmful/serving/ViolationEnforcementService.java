package dev.mlsd.harmful.serving;

import java.util.Locale;

/**
 * The violation enforcement service: takes a post down at once when the model is confident, and
 * tells the author why: which category and how confident the model was.
 *
 * <p>Thread safety: stateless.
 *
 * <p>Book: chapter 5, "Serving: violation enforcement service".
 */
public final class ViolationEnforcementService {
  /**
   * Removes the post and returns the notice its author receives.
   *
   * @param category the category that triggered the removal ("hate" or "offensive")
   * @param confidence the model's probability for it
   */
  public String remove(PostRecord post, String category, float confidence) {
    post.state(Action.REMOVE);
    return notice(category, confidence);
  }

  /** The author's notice for a removal. */
  static String notice(String category, float confidence) {
    String what = "hate".equals(category) ? "hate speech" : "offensive language";
    return String.format(
        Locale.ROOT,
        "Your post was removed: our system classified it as %s (confidence %.2f). You can appeal"
            + " this decision.",
        what,
        confidence);
  }
}
