package dev.mlsd.core.serving;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mlsd.core.featurestore.FeatureSchema;
import dev.mlsd.core.featurestore.InMemoryFeatureStore;
import java.util.List;
import org.junit.jupiter.api.Test;

class ServingPipelineTest {
  /** A request: the user id. */
  record Req(int user) {}

  static final FeatureSchema ITEM =
      new FeatureSchema("item", 1, List.of("quality", "price"), new float[] {0f, 9f});

  /** score = quality - 0.1 * price; worked out by hand below. */
  static final Ranker<Req> LINEAR =
      (q, c) -> {
        float[] f = c.features();
        for (int p = 0; p < c.size(); p++) {
          int o = c.featureOffset(p);
          c.setScore(p, f[o] - 0.1f * f[o + 1]);
        }
      };

  static ServingPipeline<Req> pipeline(InMemoryFeatureStore store) {
    return ServingPipeline.<Req>builder("test")
        .candidateGenerator(
            (q, out) -> {
              for (int id = 1; id <= 4; id++) {
                out.add(id, 1f);
              }
            })
        .candidateGenerator(
            (q, out) -> {
              out.add(3, 2f);
              out.add(5, 2f);
              out.add(6, 2f);
            })
        .filter((q, id) -> id != q.user())
        .featureHydrator(new StoreFeatureHydrator<>(store, ITEM))
        .ranker(LINEAR)
        .reRanker((q, ranked, k) -> ranked.moveTo(ranked.size() - 1, 0))
        .maxCandidates(16)
        .build();
  }

  @Test
  void stagesRunInOrderOnAHandWorkedExample() {
    InMemoryFeatureStore store = new InMemoryFeatureStore();
    // id: quality, price -> score
    // 1: 1.0, 0 -> 1.0 ; 2: 0.5, 1 -> 0.4 ; 3: 2.0, 10 -> 1.0 ; 4: filtered
    // 5: missing -> defaults 0, 9 -> -0.9 ; 6: 0.2, 0 -> 0.2
    store.write(
        ITEM, new int[] {1, 2, 3, 4, 6}, new float[] {1, 0, .5f, 1, 2, 10, 9, 0, .2f, 0}, 5);
    ServingPipeline<Req> p = pipeline(store);
    RequestScratch s = p.newScratch();
    p.run(new Req(4), 3, s);
    Candidates c = s.candidates();
    // ranked: 1 (1.0), 3 (1.0, tie by id), 2 (0.4), 6 (0.2), 5 (-0.9);
    // the re-ranker moves the last (5) to the top, then the cut to k = 3
    assertEquals(3, c.size());
    assertArrayEquals(new int[] {5, 1, 3}, new int[] {c.id(0), c.id(1), c.id(2)});
    assertEquals(-0.9f, c.score(0), 1e-6f);
    assertEquals(1, c.source(0));
    assertEquals(1, store.counters().missingRows());
    assertTrue(s.totalNanos() >= 0);
    assertEquals(1, p.stageLatency(Stage.RANKING).count());
    assertEquals(2, p.featureDim());
  }

  @Test
  void theSameScratchServesManyRequests() {
    InMemoryFeatureStore store = new InMemoryFeatureStore();
    ServingPipeline<Req> p = pipeline(store);
    Candidates first = p.run(new Req(1), 10);
    int n = first.size();
    Candidates again = p.run(new Req(1), 10);
    assertEquals(n, again.size());
    assertEquals(5, n); // 2,3,4,5,6 (1 filtered)
  }

  @Test
  void kMustBePositive() {
    ServingPipeline<Req> p = pipeline(new InMemoryFeatureStore());
    assertThrows(IllegalArgumentException.class, () -> p.run(new Req(1), 0));
  }

  @Test
  void aPipelineNeedsAGeneratorAndExactlyOneRanker() {
    assertThrows(
        IllegalStateException.class,
        () -> ServingPipeline.<Req>builder("x").ranker(LINEAR).build());
    assertThrows(
        IllegalStateException.class,
        () -> ServingPipeline.<Req>builder("x").candidateGenerator((q, c) -> {}).build());
    assertThrows(
        IllegalStateException.class,
        () -> ServingPipeline.<Req>builder("x").ranker(LINEAR).ranker(LINEAR));
    assertThrows(IllegalArgumentException.class, () -> ServingPipeline.<Req>builder(" "));
  }

  @Test
  void hydratorsGetConsecutiveColumnBlocks() {
    FeatureHydrator<Req> constant =
        new FeatureHydrator<>() {
          @Override
          public int columns() {
            return 1;
          }

          @Override
          public void hydrate(Req q, Candidates c, int firstColumn) {
            for (int p = 0; p < c.size(); p++) {
              c.features()[c.featureOffset(p) + firstColumn] = 7f;
            }
          }
        };
    InMemoryFeatureStore store = new InMemoryFeatureStore();
    store.write(ITEM, 1, new float[] {3f, 4f});
    ServingPipeline<Req> p =
        ServingPipeline.<Req>builder("cols")
            .candidateGenerator((q, c) -> c.add(1, 0))
            .featureHydrator(new StoreFeatureHydrator<>(store, ITEM))
            .featureHydrator(constant)
            .ranker((q, c) -> {})
            .build();
    Candidates c = p.run(new Req(0), 1);
    float[] f = c.features();
    assertArrayEquals(new float[] {3f, 4f, 7f}, new float[] {f[0], f[1], f[2]});
  }

  /** A request whose query-side feature a hydrator derives. */
  static final class Hydrated {
    final int user;
    int derived = -1;
    int hydrations;

    Hydrated(int user) {
      this.user = user;
    }
  }

  @Test
  void queryHydrationRunsFirstOnceAndIsTimed() {
    ServingPipeline<Hydrated> p =
        ServingPipeline.<Hydrated>builder("hydrated")
            .queryHydrator(
                q -> {
                  q.derived = q.user * 10;
                  q.hydrations++;
                })
            .candidateGenerator((q, out) -> out.add(q.derived, 1f))
            .candidateGenerator((q, out) -> out.add(q.derived + 1, 1f))
            .ranker((q, c) -> {})
            .build();
    Hydrated q = new Hydrated(4);
    RequestScratch s = p.newScratch();
    p.run(q, 5, s);
    assertEquals(1, q.hydrations);
    assertEquals(40, s.candidates().id(0));
    assertEquals(41, s.candidates().id(1));
    assertEquals(1, p.stageLatency(Stage.QUERY_HYDRATION).count());
    assertTrue(s.stageNanos(Stage.QUERY_HYDRATION) >= 0);
    assertEquals(Stage.QUERY_HYDRATION, Stage.values()[0]);
  }

  @Test
  void aQueryTheHydratorRefusesStopsTheRequest() {
    int[] generated = {0};
    ServingPipeline<Hydrated> p =
        ServingPipeline.<Hydrated>builder("refusing")
            .queryHydrator(
                q -> {
                  if (q.user < 0) {
                    throw new IllegalArgumentException("unknown user " + q.user);
                  }
                })
            .candidateGenerator((q, out) -> generated[0]++)
            .ranker((q, c) -> {})
            .build();
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> p.run(new Hydrated(-1), 1));
    assertEquals("unknown user -1", e.getMessage());
    assertEquals(0, generated[0]);
    assertThrows(
        IllegalArgumentException.class, () -> ServingPipeline.builder("x").queryHydrator(null));
  }
}
