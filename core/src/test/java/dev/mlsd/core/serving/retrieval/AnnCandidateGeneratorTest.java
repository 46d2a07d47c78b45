package dev.mlsd.core.serving.retrieval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.mlsd.core.ann.ExactIndex;
import dev.mlsd.core.ann.HnswBuildParams;
import dev.mlsd.core.ann.HnswIndex;
import dev.mlsd.core.ann.SearchParams;
import dev.mlsd.core.ann.Similarity;
import dev.mlsd.core.serving.Candidates;
import dev.mlsd.core.serving.ServingPipeline;
import java.util.function.IntPredicate;
import org.junit.jupiter.api.Test;

class AnnCandidateGeneratorTest {
  /** A request: a query vector and the ids it must not see. */
  record Req(float[] vector, IntPredicate allowed) {}

  static final QueryVector<Req> QUERY =
      new QueryVector<>() {
        @Override
        public float[] vector(Req q) {
          return q.vector();
        }

        @Override
        public IntPredicate filter(Req q) {
          return q.allowed();
        }
      };

  /** Five points on a line: x = 0, 1, 2, 3, 4 (ids 0..4). */
  static ExactIndex line() {
    ExactIndex index = new ExactIndex(1, Similarity.EUCLIDEAN);
    for (int x = 0; x < 5; x++) {
      index.add(new float[] {x});
    }
    return index;
  }

  @Test
  void pushesTheNearestBestFirstWithTheirScores() {
    AnnCandidateGenerator<Req> g =
        new AnnCandidateGenerator<>(line(), 3, new SearchParams(1), QUERY);
    Candidates c = new Candidates(8, 0);
    c.reset();
    g.generate(new Req(new float[] {2.9f}, null), c);
    assertEquals(3, c.size());
    // distances 0.1, 0.9, 1.1: ids 3, 2, 4; score = minus the squared distance
    assertEquals(3, c.id(0));
    assertEquals(2, c.id(1));
    assertEquals(4, c.id(2));
    assertEquals(-0.01f, c.retrievalScore(0), 1e-5f);
    assertEquals(-0.81f, c.retrievalScore(1), 1e-5f);
    assertEquals(0, c.generatorRank(0, 0));
    assertEquals(2, c.generatorRank(2, 0));
  }

  @Test
  void theFilterAppliesInsideTheSearch() {
    AnnCandidateGenerator<Req> g =
        new AnnCandidateGenerator<>(line(), 2, new SearchParams(1), QUERY);
    Candidates c = new Candidates(8, 0);
    c.reset();
    // 3 and 2 excluded: the two places go to 4 and 1
    g.generate(new Req(new float[] {2.9f}, id -> id != 3 && id != 2), c);
    assertEquals(2, c.size());
    assertEquals(4, c.id(0));
    assertEquals(1, c.id(1));
  }

  @Test
  void worksOverHnswInAPipelineOnEveryThread() throws Exception {
    HnswIndex index = new HnswIndex(1, Similarity.EUCLIDEAN, new HnswBuildParams(4, 20, 7L));
    for (int x = 0; x < 50; x++) {
      index.add(new float[] {x});
    }
    ServingPipeline<Req> p =
        ServingPipeline.<Req>builder("ann")
            .candidateGenerator(new AnnCandidateGenerator<>(index, 2, new SearchParams(16), QUERY))
            .ranker((q, c) -> {})
            .build();
    int[][] got = new int[2][];
    Thread t =
        new Thread(
            () -> {
              Candidates c = p.run(new Req(new float[] {10.2f}, null), 2);
              got[1] = new int[] {c.id(0), c.id(1)};
            });
    t.start();
    Candidates c = p.run(new Req(new float[] {40.4f}, null), 2);
    got[0] = new int[] {c.id(0), c.id(1)};
    t.join();
    // scores are 0 for every candidate, so the pipeline orders them by id
    assertEquals(40, got[0][0]);
    assertEquals(41, got[0][1]);
    assertEquals(10, got[1][0]);
    assertEquals(11, got[1][1]);
  }

  @Test
  void badArgumentsAreRefused() {
    ExactIndex index = line();
    SearchParams p = new SearchParams(1);
    assertThrows(
        IllegalArgumentException.class, () -> new AnnCandidateGenerator<>(index, 0, p, QUERY));
    assertThrows(
        IllegalArgumentException.class, () -> new AnnCandidateGenerator<>(null, 1, p, QUERY));
    assertThrows(
        IllegalArgumentException.class, () -> new AnnCandidateGenerator<>(index, 1, p, null));
    AnnCandidateGenerator<Req> g = new AnnCandidateGenerator<>(index, 1, p, QUERY);
    Candidates c = new Candidates(2, 0);
    c.reset();
    assertThrows(IllegalArgumentException.class, () -> g.generate(new Req(new float[2], null), c));
  }
}
