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
 * <p>Thread safety: every method is synchronized.
 */
public final class InMemoryReviewQueue implements ReviewQueue {
  private final LinkedHashMap<Long, ReviewItem> waiting = new LinkedHashMap<>();
  private final Map<String, LinkedHashMap<Long, ReviewItem>> claimed = new HashMap<>();
  private final Map<Long, String> claimedBy = new HashMap<>();

  @Override
  public synchronized boolean enqueue(ReviewItem item) {
    if (contains(item.postId())) {
      return false;
    }
    waiting.put(item.postId(), item);
    return true;
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
