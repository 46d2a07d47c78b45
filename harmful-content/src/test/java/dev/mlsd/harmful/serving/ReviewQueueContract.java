package dev.mlsd.harmful.serving;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

/** What every {@link ReviewQueue} does; each backend's test runs it. */
final class ReviewQueueContract {
  private ReviewQueueContract() {}

  static ReviewItem item(long id) {
    return new ReviewItem(
        id, "text " + id + " é \uD83D\uDE02", ReviewReason.DEMOTED, "hate", 0.6f, 0.1f, 1000 + id);
  }

  static void roundTrip(ReviewQueue q) {
    assertTrue(q.enqueue(item(1)));
    assertTrue(q.enqueue(item(2)));
    assertTrue(q.enqueue(item(3)));
    assertFalse(q.enqueue(item(2)), "a post is queued once");
    assertEquals(3, q.size());
    List<ReviewItem> alice = q.claim("alice", 2);
    assertEquals(List.of(item(1), item(2)), alice);
    assertEquals(List.of(item(3)), q.claim("bob", 5));
    // alice did not decide yet: she gets the same items again, nothing new
    assertEquals(List.of(item(1), item(2)), q.claim("alice", 5));
    assertEquals(item(1), q.acknowledge(1));
    assertNull(q.acknowledge(1), "acknowledged once");
    assertFalse(q.contains(1));
    assertTrue(q.contains(2));
    assertEquals(List.of(item(2)), q.claim("alice", 5));
    assertEquals(2, q.size());
    assertTrue(q.enqueue(item(1)), "a decided post can be queued again (an appeal)");
  }
}
