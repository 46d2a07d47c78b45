package dev.mlsd.harmful.serving;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The default {@link ReviewQueue}: waiting items in queue order and each reviewer's claimed items,
 * in memory. Lost when the process ends; use {@link RedisReviewQueue} when that matters.
 *
 * <p><b>Bounded.</b> It holds at most {@link #capacity()} items, waiting and claimed together
 * (default {@link #DEFAULT_CAPACITY}), so a flood of low-confidence posts cannot grow the heap
 * without bound (under load with an unsure model it once held 279,744 items, and the collector's
 * pauses set the server's tail). When it is full, {@link #enqueue} refuses the new item: the post
 * is still demoted (the caller has already lowered its exposure), the answer says it was not
 * queued, and the refusal is counted in {@link #overflowed()}, which the server reports on {@code
 * /metrics} and {@code /health}. A refused post can be queued again, by a user report or an appeal,
 * once reviewers have made room.
 *
 * <p>Thread safety: every method is synchronized.
 */
public final class InMemoryReviewQueue implements ReviewQueue {
  /** Items held at most by default: days of a review team's work, a few tens of MiB of heap. */
  public static final int DEFAULT_CAPACITY = 50_000;

  private final int capacity;
  private long overflowed;
  private final LinkedHashMap<Long, ReviewItem> waiting = new LinkedHashMap<>();
  private final Map<String, LinkedHashMap<Long, ReviewItem>> claimed = new HashMap<>();
  private final Map<Long, String> claimedBy = new HashMap<>();

  /** A queue of {@link #DEFAULT_CAPACITY} items. */
  public InMemoryReviewQueue() {
    this(DEFAULT_CAPACITY);
  }

  /**
   * A queue of at most {@code capacity} items.
   *
   * @throws IllegalArgumentException if {@code capacity} is not positive
   */
  public InMemoryReviewQueue(int capacity) {
    if (capacity < 1) {
      throw new IllegalArgumentException("review queue capacity must be >= 1, got " + capacity);
    }
    this.capacity = capacity;
  }

  /**
   * Queues an item, unless the post is already queued or the queue is full (then counted in {@link
   * #overflowed()}).
   *
   * @return whether it was queued
   */
  @Override
  public synchronized boolean enqueue(ReviewItem item) {
    if (contains(item.postId())) {
      return false;
    }
    if (size() >= capacity) {
      overflowed++;
      return false;
    }
    waiting.put(item.postId(), item);
    return true;
  }

  /** The most items held at once, waiting and claimed together. */
  public int capacity() {
    return capacity;
  }

  @Override
  public synchronized long overflowed() {
    return overflowed;
  }

  @Override
  public synchronized List<ReviewItem> claim(String reviewer, int max) {
    List<ReviewItem> out = new ArrayList<>();
    LinkedHashMap<Long, ReviewItem> mine =
        claimed.computeIfAbsent(reviewer, r -> new LinkedHashMap<>());
    for (ReviewItem item : mine.values()) {
      if (out.size() == max) {
        return out;
      }
      out.add(item);
    }
    Iterator<ReviewItem> it = waiting.values().iterator();
    while (out.size() < max && it.hasNext()) {
      ReviewItem item = it.next();
      it.remove();
      mine.put(item.postId(), item);
      claimedBy.put(item.postId(), reviewer);
      out.add(item);
    }
    return out;
  }

  @Override
  public synchronized ReviewItem acknowledge(long postId) {
    ReviewItem item = waiting.remove(postId);
    if (item != null) {
      return item;
    }
    String reviewer = claimedBy.remove(postId);
    return reviewer == null ? null : claimed.get(reviewer).remove(postId);
  }

  @Override
  public synchronized boolean contains(long postId) {
    return waiting.containsKey(postId) || claimedBy.containsKey(postId);
  }

  @Override
  public synchronized long size() {
    return waiting.size() + claimedBy.size();
  }

  @Override
  public String kind() {
    return "in-memory";
  }

  @Override
  public void close() {}
}
