package dev.mlsd.harmful.serving;

import dev.mlsd.harmful.features.TextNormalizer;

/** The request bodies of {@link HarmfulContentServer}'s endpoints; each validates itself. */
public final class Requests {
  private Requests() {}

  /** The longest post text accepted, in chars (UTF-16 units): {@value}. */
  public static final int MAX_TEXT_CHARS = TextNormalizer.MAX_CHARS;

  /**
   * {@code POST /v1/posts}: a new post to score and enforce.
   *
   * @param postId the post's id, unique, 0 or more
   * @param text the post's text, 1 to {@value #MAX_TEXT_CHARS} chars, not blank
   */
  public record NewPost(Long postId, String text) {
    /** Validates. */
    public NewPost {
      if (postId == null || postId < 0) {
        throw new IllegalArgumentException("postId is required and must be >= 0");
      }
      if (text == null || text.isBlank()) {
        throw new IllegalArgumentException("text is empty");
      }
      if (text.length() > MAX_TEXT_CHARS) {
        throw new IllegalArgumentException(
            "text has " + text.length() + " chars; the limit is " + MAX_TEXT_CHARS);
      }
    }
  }

  /**
   * {@code POST /v1/reviews/{postId}}: a reviewer's decision.
   *
   * @param decision "hate", "offensive" or "neither"
   * @param reviewer who decided (1 to 64 chars)
   */
  public record Review(String decision, String reviewer) {
    /** Validates. */
    public Review {
      ReviewDecision.parse(decision);
      if (reviewer == null || reviewer.isBlank() || reviewer.length() > 64) {
        throw new IllegalArgumentException("reviewer is required (1 to 64 chars)");
      }
    }
  }

  /**
   * {@code POST /v1/appeals/{postId}} and {@code POST /v1/reports/{postId}}: an author's appeal or
   * a user's report, {@code {"note": "..."}}.
   *
   * @param note free text, may be empty or null but must be present, at most 500 chars (kept for
   *     the reviewer, not used by the model)
   */
  public record Note(String note) {
    /** Validates. */
    public Note {
      if (note != null && note.length() > 500) {
        throw new IllegalArgumentException("note is longer than 500 chars");
      }
    }
  }
}
