package dev.mlsd.harmful.serving;

/**
 * The demoting service: a post the model is unsure about stays up but is shown less (its ranking
 * weight drops to the demoted share of {@link OnlineMetrics.Exposure}) and goes to the human review
 * queue. If the queue is unreachable the post is still demoted and the failure is counted; the post
 * can be queued again by a user report.
 *
 * <p>Thread safety: thread-safe if the queue is.
 *
 * <p>Book: chapter 5, "Serving: demoting service".
 */
public final class DemotingService {
  private final ReviewQueue queue;
  private final java.util.concurrent.atomic.LongAdder queueFailures =
      new java.util.concurrent.atomic.LongAdder();

  /** A service queueing into {@code queue}. */
  public DemotingService(ReviewQueue queue) {
    this.queue = queue;
  }

  /**
   * Demotes the post and queues it for review.
   *
   * @return whether it was queued
   */
  public boolean demote(PostRecord post, String category) {
    post.state(Action.DEMOTE);
    return queue(post, ReviewReason.DEMOTED, category);
  }

  /** Queues a post for review for another reason (a user report, an appeal). */
  public boolean queue(PostRecord post, ReviewReason reason, String category) {
    try {
      return queue.enqueue(
          new ReviewItem(
              post.postId(),
              post.text(),
              reason,
              category,
              post.pHate(),
              post.pOffensive(),
              System.currentTimeMillis()));
    } catch (ReviewQueueUnavailableException e) {
      queueFailures.increment();
      return false;
    }
  }

  /** Items that could not be queued because the queue was unreachable. */
  public long queueFailures() {
    return queueFailures.sum();
  }
}
