package dev.mlsd.harmful.serving;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class InMemoryReviewQueueTest {
  private static ReviewItem item(long postId) {
    return new ReviewItem(postId, "text " + postId, ReviewReason.DEMOTED, "hate", 0.5f, 0.1f, 0L);
  }

  @Test
  void roundTrip() {
    try (InMemoryReviewQueue q = new InMemoryReviewQueue()) {
      ReviewQueueContract.roundTrip(q);
    }
  }

  @Test
  void aFullQueueRefusesAndCountsUntilAReviewMakesRoom() {
    try (InMemoryReviewQueue q = new InMemoryReviewQueue(2)) {
      assertTrue(q.enqueue(item(1)));
      assertTrue(q.enqueue(item(2)));
      assertEquals(1, q.claim("alice", 1).size()); // claimed items still count against the bound
      assertFalse(q.enqueue(item(3)));
      assertFalse(q.enqueue(item(4)));
      assertEquals(2, q.overflowed());
      assertEquals(2, q.size());
      assertFalse(q.contains(3));
      // a repeated post is not an overflow
      assertFalse(q.enqueue(item(2)));
      assertEquals(2, q.overflowed());

      assertEquals(1, q.acknowledge(1).postId());
      assertTrue(q.enqueue(item(3)));
      assertEquals(2, q.overflowed());
      assertEquals(2, q.size());
    }
  }

  @Test
  void aCapacityBelowOneIsRefused() {
    assertThrows(IllegalArgumentException.class, () -> new InMemoryReviewQueue(0));
  }
}
