package dev.mlsd.core.toy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mlsd.core.featurestore.InMemoryFeatureStore;
import dev.mlsd.core.serving.Candidates;
import dev.mlsd.core.serving.ModelHolder;
import dev.mlsd.core.serving.RequestScratch;
import dev.mlsd.core.serving.ServingPipeline;
import dev.mlsd.core.serving.Stage;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ToyPipelineTest {
  static InMemoryFeatureStore store;

  @BeforeAll
  static void materialise() {
    store = new InMemoryFeatureStore();
    ToyCatalog.materialize(store);
  }

  ServingPipeline<ToyRequest> pipeline() {
    return ToyPipeline.build(store, new ModelHolder<>(ToyCatalog.weights(1), ToyServer.card(1)));
  }

  @Test
  void rankingSeesAtMost500CandidatesAndTheRestAreCounted() {
    ToyRequest q = new ToyRequest(5, 100);
    // the same generators into an unbounded list: how many unique ids, which survive the filter
    Candidates all = new Candidates(1000, 0);
    new UserNeighbourhoodGenerator().generate(q, all);
    new PopularItemsGenerator().generate(q, all);
    int unique = all.size();
    assertTrue(unique > ToyPipeline.CANDIDATES, "the toy must overflow 500, has " + unique);
    int kept = 0;
    for (int pos = 0; pos < ToyPipeline.CANDIDATES; pos++) {
      if (new SeenItemsFilter().keep(q, all.id(pos))) {
        kept++;
      }
    }
    ServingPipeline<ToyRequest> p = pipeline();
    RequestScratch s = p.newScratch();
    long rowsBefore = store.counters().rows();
    p.run(q, 100, s);
    assertEquals(unique - ToyPipeline.CANDIDATES, s.candidates().overflow());
    assertEquals(kept, store.counters().rows() - rowsBefore, "one batch of the kept candidates");
    assertEquals(100, s.candidates().size());
  }

  @Test
  void resultsAreDiverseFilteredAndDeterministic() {
    ServingPipeline<ToyRequest> p = pipeline();
    Candidates c = p.run(new ToyRequest(77, 20), 20);
    int[] perCategory = new int[ToyCatalog.CATEGORIES];
    int[] first = new int[c.size()];
    for (int pos = 0; pos < c.size(); pos++) {
      int id = c.id(pos);
      first[pos] = id;
      perCategory[id % ToyCatalog.CATEGORIES]++;
      assertNotEquals(77 % SeenItemsFilter.MODULUS, id % SeenItemsFilter.MODULUS);
    }
    for (int n : perCategory) {
      assertTrue(n <= 2);
    }
    Candidates again = p.run(new ToyRequest(77, 20), 20);
    for (int pos = 0; pos < again.size(); pos++) {
      assertEquals(first[pos], again.id(pos));
    }
    assertEquals(2, p.stageLatency(Stage.FEATURE_HYDRATION).count());
  }
}
