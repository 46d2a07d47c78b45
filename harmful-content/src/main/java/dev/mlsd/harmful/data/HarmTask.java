package dev.mlsd.harmful.data;

/**
 * The harm categories, one classification head each in the multi-task model. A label is positive
 * when a strict majority of a post's raters chose that category (hate: 1,422 of 24,783 posts, 5.7%;
 * offensive: 19,155, 77%). The two are not exclusive by construction, though with three raters they
 * rarely overlap.
 *
 * <p>Book: chapter 5, "Framing as ML: multi-task classification" (one head per harm category).
 */
public enum HarmTask {
  /** Hate speech. */
  HATE("hate"),
  /** Offensive language. */
  OFFENSIVE("offensive");

  /** The tasks in head order: head {@code t} of the model is {@code values()[t]}. */
  public static final int COUNT = 2;

  private final String label;

  HarmTask(String label) {
    this.label = label;
  }

  /** The task's short name, as in metrics and responses: "hate" or "offensive". */
  public String label() {
    return label;
  }

  /** Whether the post is positive for this task: a strict majority of its raters chose it. */
  public boolean isPositive(Post p) {
    int votes = this == HATE ? p.hateVotes() : p.offensiveVotes();
    return 2 * votes > p.raters();
  }

  /** The task's label for every post, in order. */
  public boolean[] labels(java.util.List<Post> posts) {
    boolean[] y = new boolean[posts.size()];
    for (int i = 0; i < y.length; i++) {
      y[i] = isPositive(posts.get(i));
    }
    return y;
  }

  /** The task by its short name. */
  public static HarmTask of(String label) {
    for (HarmTask t : values()) {
      if (t.label.equals(label)) {
        return t;
      }
    }
    throw new IllegalArgumentException("unknown task: " + label);
  }
}
