package dev.mlsd.harmful.serving;

import java.util.List;

/**
 * The human review queue of the demoting service. A post is queued at most once at a time. A
 * reviewer claims items; a claimed item stays pending until its decision acknowledges it, so an
 * item claimed but not decided (the reviewer closed the page, the server restarted) is handed to
 * the same reviewer again on their next claim: nothing is lost. On Redis, an item left undecided
 * past a claim timeout goes to the next reviewer who claims ({@link RedisReviewQueue}).
 *
 * <p>Implementations: {@link InMemoryReviewQueue} (default; lost when the process ends) and {@link
 * RedisReviewQueue} (a Redis Stream with a consumer group; survives restarts of this server).
 *
 * <p>Thread safety: implementations are thread-safe.
 *
 * <p>Book: chapter 5, "Serving: demoting service" (low-confidence posts go to human review).
 */
public interface ReviewQueue extends AutoCloseable {
  /**
   * Queues an item.
   *
   * @return false if the post is already queued, or a bounded queue is full (nothing changes; a
   *     full queue counts the item in {@link #overflowed()})
   * @throws ReviewQueueUnavailableException if the backing store cannot be reached
   */
  boolean enqueue(ReviewItem item);

  /**
   * Claims up to {@code max} items for a reviewer: first the ones they claimed before and have not
   * decided, oldest first; then (Redis) ones other reviewers abandoned; then new ones in queue
   * order.
   */
  List<ReviewItem> claim(String reviewer, int max);

  /**
   * Acknowledges the decision on a post: removes it from the queue.
   *
   * @return the item, or null if the post is not queued
   */
  ReviewItem acknowledge(long postId);

  /** Whether the post is queued (claimed or not). */
  boolean contains(long postId);

  /** Items queued and not yet acknowledged. */
  long size();

  /** Items taken over from a reviewer who left them undecided too long (0 if never). */
  default long reclaimed() {
    return 0;
  }

  /**
   * Items refused because the queue was full ({@link InMemoryReviewQueue} is bounded; 0 for a queue
   * without a bound).
   */
  default long overflowed() {
    return 0;
  }

  /** "in-memory" or "redis". */
  String kind();

  @Override
  void close();
}
