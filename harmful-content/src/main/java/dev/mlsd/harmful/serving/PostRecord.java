package dev.mlsd.harmful.serving;

/**
 * What the enforcement pipeline knows about one post: its scores, the action taken when it was
 * posted, its current state, and what users, its author and reviewers did since.
 *
 * <p>Thread safety: every method is synchronized on the record.
 */
public final class PostRecord {
  private final long postId;
  private final String text;
  private final float pHate;
  private final float pOffensive;
  private final Action initialAction;
  private final String category;
  private Action state;
  private int userReports;
  private boolean appealed;
  private ReviewDecision reviewed;

  PostRecord(
      long postId, String text, float pHate, float pOffensive, Action action, String category) {
    this.postId = postId;
    this.text = text;
    this.pHate = pHate;
    this.pOffensive = pOffensive;
    this.initialAction = action;
    this.category = category;
    this.state = action;
  }

  /** The post's id. */
  public long postId() {
    return postId;
  }

  /** The text. */
  public String text() {
    return text;
  }

  /** The hate probability at post time. */
  public float pHate() {
    return pHate;
  }

  /** The offensive probability at post time. */
  public float pOffensive() {
    return pOffensive;
  }

  /** The action taken at post time. */
  public Action initialAction() {
    return initialAction;
  }

  /** The category that triggered the action, or "". */
  public String category() {
    return category;
  }

  /** The current state: removed, demoted or allowed (restored posts are allowed). */
  public synchronized Action state() {
    return state;
  }

  synchronized void state(Action a) {
    state = a;
  }

  /** Counts a user report; returns the count before it. */
  synchronized int report() {
    return userReports++;
  }

  /** User reports so far. */
  public synchronized int userReports() {
    return userReports;
  }

  /** Marks an appeal; returns false if the author already appealed. */
  synchronized boolean appeal() {
    if (appealed) {
      return false;
    }
    appealed = true;
    return true;
  }

  /** The latest review decision, or null. */
  public synchronized ReviewDecision reviewed() {
    return reviewed;
  }

  synchronized void reviewed(ReviewDecision d) {
    reviewed = d;
  }
}
