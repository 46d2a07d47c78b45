package dev.mlsd.harmful.serving;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.mlsd.core.featurestore.RedisProcess;
import dev.mlsd.core.featurestore.RedisServerExtension;
import dev.mlsd.core.featurestore.RedisServerExtension.RedisUrl;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(RedisServerExtension.class)
class RedisReviewQueueTest {
  @Test
  void roundTrip(RedisUrl redis) {
    try (RedisReviewQueue q = new RedisReviewQueue(redis.url(), redis.uniquePrefix())) {
      ReviewQueueContract.roundTrip(q);
    }
  }

  @Test
  void nothingIsLostWhenTheServerRestartsMidReview(RedisUrl redis) {
    String prefix = redis.uniquePrefix();
    try (RedisReviewQueue before = new RedisReviewQueue(redis.url(), prefix)) {
      for (long id = 1; id <= 4; id++) {
        before.enqueue(ReviewQueueContract.item(id));
      }
      assertEquals(
          List.of(ReviewQueueContract.item(1), ReviewQueueContract.item(2)),
          before.claim("alice", 2));
      before.acknowledge(1);
    } // the server goes down with post 2 claimed and undecided
    try (RedisReviewQueue after = new RedisReviewQueue(redis.url(), prefix)) {
      assertEquals(3, after.size());
      assertEquals(
          List.of(ReviewQueueContract.item(2), ReviewQueueContract.item(3)),
          after.claim("alice", 2),
          "alice's undecided item first, then the next new one");
      assertEquals(ReviewQueueContract.item(2), after.acknowledge(2));
      assertEquals(List.of(ReviewQueueContract.item(4)), after.claim("bob", 10));
    }
  }

  @Test
  void anAbandonedClaimGoesToTheNextReviewerAfterTheTimeout(RedisUrl redis) throws Exception {
    try (RedisReviewQueue q =
        new RedisReviewQueue(redis.url(), redis.uniquePrefix(), Duration.ofMillis(200))) {
      for (long id = 1; id <= 4; id++) {
        q.enqueue(ReviewQueueContract.item(id));
      }
      assertEquals(
          List.of(ReviewQueueContract.item(1), ReviewQueueContract.item(2)), q.claim("alice", 2));
      assertEquals(
          List.of(ReviewQueueContract.item(3)), q.claim("bob", 1), "alice's claims are fresh");
      assertEquals(0, q.reclaimed());
      Thread.sleep(400); // alice walks away; bob's item 3 is as old, but bob comes back first
      assertEquals(
          List.of(ReviewQueueContract.item(3), ReviewQueueContract.item(1)),
          q.claim("bob", 2),
          "bob's own item first, then alice's oldest abandoned one");
      assertEquals(1, q.reclaimed());
      assertEquals(
          List.of(ReviewQueueContract.item(2), ReviewQueueContract.item(4)),
          q.claim("alice", 5),
          "alice keeps what was not taken over (reading it renews her claim), then new items");
      assertEquals(ReviewQueueContract.item(1), q.acknowledge(1), "bob decides alice's item");
      assertEquals(3, q.size());
    }
  }

  @Test
  void theClaimTimeoutMustBePositive(RedisUrl redis) {
    assertThrows(
        IllegalArgumentException.class,
        () -> new RedisReviewQueue(redis.url(), redis.uniquePrefix(), Duration.ZERO));
  }

  @Test
  void anUnreachableRedisIsAClearErrorAndTheDemotionStillHappens() throws Exception {
    int port = RedisProcess.freePort();
    assertThrows(
        ReviewQueueUnavailableException.class,
        () -> new RedisReviewQueue("redis://127.0.0.1:" + port, "x:"));
    org.junit.jupiter.api.Assumptions.assumeTrue(
        RedisProcess.findBinary() != null, "redis-server is not installed");
    try (RedisProcess p = RedisProcess.start()) {
      RedisReviewQueue q = new RedisReviewQueue(p.url(), "y:");
      p.kill();
      DemotingService demoting = new DemotingService(q);
      PostRecord post = new PostRecord(9, "t", 0.6f, 0f, Action.DEMOTE, "hate");
      assertEquals(false, demoting.demote(post, "hate"));
      assertEquals(Action.DEMOTE, post.state());
      assertEquals(1, demoting.queueFailures());
      q.close();
    }
  }
}
