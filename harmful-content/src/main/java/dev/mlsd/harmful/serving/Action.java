package dev.mlsd.harmful.serving;

/**
 * What the enforcement pipeline does with a post.
 *
 * <p>Book: chapter 5, "Serving" (violation enforcement service, demoting service).
 */
public enum Action {
  /** Taken down at once; the author is told the category and the confidence. */
  REMOVE("removed"),
  /** Shown less in ranking and sent to the human review queue. */
  DEMOTE("demoted"),
  /** Left up. */
  ALLOW("allowed");

  private final String label;

  Action(String label) {
    this.label = label;
  }

  /** The past-tense label used in responses: "removed", "demoted", "allowed". */
  public String label() {
    return label;
  }
}
