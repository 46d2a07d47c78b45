package dev.mlsd.harmful.serving;

import org.junit.jupiter.api.Test;

class InMemoryReviewQueueTest {
  @Test
  void roundTrip() {
    try (InMemoryReviewQueue q = new InMemoryReviewQueue()) {
      ReviewQueueContract.roundTrip(q);
    }
  }
}
