package dev.mlsd.harmful.serving;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.mlsd.core.http.BadRequestException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The pipeline keeps a bounded number of posts: the oldest go first, and are counted. */
class PostRegistryBoundTest {
  @TempDir Path dir;

  @Test
  void theOldestPostIsEvictedAndCountedWhenTheBoundIsPassed() throws Exception {
    try (TrainingLog log = new TrainingLog(dir.resolve("log.jsonl"))) {
      EnforcementPipeline pipeline = ServingFixture.pipeline(new InMemoryReviewQueue(), log, 3);
      for (long id = 1; id <= 3; id++) {
        pipeline.submit(id, "hello there");
      }
      assertEquals(3, pipeline.postsKept());
      assertEquals(0, pipeline.evictedPosts());
      pipeline.submit(4, "hello there");
      assertEquals(3, pipeline.postsKept());
      assertEquals(1, pipeline.evictedPosts());
      assertThrows(BadRequestException.class, () -> pipeline.require(1), "post 1 was evicted");
      assertEquals(2, pipeline.require(2).postId());
      pipeline.report(4);
      assertEquals(4, pipeline.require(4).postId());
    }
  }

  @Test
  void theBoundMustBePositive() throws Exception {
    try (TrainingLog log = new TrainingLog(dir.resolve("log.jsonl"))) {
      assertThrows(
          IllegalArgumentException.class,
          () -> ServingFixture.pipeline(new InMemoryReviewQueue(), log, 0));
    }
  }
}
