package dev.mlsd.harmful.serving;

import dev.mlsd.harmful.data.ThreeClass;

/**
 * A human reviewer's decision, the allowed set of {@code POST /v1/reviews/{postId}}: the post is
 * hate speech, offensive language, or neither. Each decision becomes a labelled example in the
 * {@link TrainingLog}.
 */
public enum ReviewDecision {
  /** Hate speech: the post is (or stays) removed. */
  HATE("hate", ThreeClass.HATE),
  /** Offensive language: the post is (or stays) removed. */
  OFFENSIVE("offensive", ThreeClass.OFFENSIVE),
  /** Neither: the post is restored. */
  NEITHER("neither", ThreeClass.NEITHER);

  private final String label;
  private final int threeClass;

  ReviewDecision(String label, int threeClass) {
    this.label = label;
    this.threeClass = threeClass;
  }

  /** The decision's name in requests: "hate", "offensive" or "neither". */
  public String label() {
    return label;
  }

  /** The decision as one of Davidson et al.'s three classes. */
  public int threeClass() {
    return threeClass;
  }

  /** Whether the post violates the policy. */
  public boolean harmful() {
    return this != NEITHER;
  }

  /**
   * Parses a decision.
   *
   * @throws IllegalArgumentException naming the allowed set
   */
  public static ReviewDecision parse(String s) {
    for (ReviewDecision d : values()) {
      if (d.label.equals(s)) {
        return d;
      }
    }
    throw new IllegalArgumentException(
        "decision must be one of hate, offensive, neither; got "
            + dev.mlsd.core.http.Json.oneLine(String.valueOf(s)));
  }

  /** The decision for one of the three classes. */
  public static ReviewDecision ofThreeClass(int c) {
    return values()[c];
  }
}
