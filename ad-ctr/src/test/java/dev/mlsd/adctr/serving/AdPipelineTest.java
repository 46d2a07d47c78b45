package dev.mlsd.adctr.serving;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mlsd.core.featurestore.InMemoryFeatureStore;
import dev.mlsd.core.serving.Candidates;
import dev.mlsd.core.serving.ModelHolder;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class AdPipelineTest {
  static ServingFixture fx;
  static AdRequest request;

  @BeforeAll
  static void load() throws Exception {
    fx = new ServingFixture();
    request = SampleRequests.of(fx.catalogue, fx.log.rows().get(fx.next), 20);
  }

  AdPipeline pipeline(InMemoryFeatureStore store, int quota) {
    AdFeatures.materialise(store, fx.catalogue, fx.ctr, fx.log.rows().subList(0, fx.next));
    return new AdPipeline(
        fx.pipeline,
        fx.catalogue,
        store,
        new ModelHolder<>(fx.model(), ServingFixture.card()),
        500,
        quota);
  }

  @Test
  void topKMatchesTargetingIsSortedAndRespectsTheAdvertiserQuota() {
    try (InMemoryFeatureStore store = new InMemoryFeatureStore()) {
      AdPipeline p = pipeline(store, 2);
      Candidates top = p.serve(request);
      assertEquals(20, top.size());
      Map<Integer, Integer> perAdvertiser = new HashMap<>();
      for (int pos = 0; pos < top.size(); pos++) {
        int ad = top.id(pos);
        assertTrue(fx.catalogue.matches(ad, request.targetingValue()), "ad " + ad);
        perAdvertiser.merge(fx.catalogue.advertiser(ad), 1, Integer::sum);
        if (pos > 0) {
          assertTrue(top.score(pos) <= top.score(pos - 1));
        }
        assertTrue(top.score(pos) > 0 && top.score(pos) < 1);
      }
      perAdvertiser.values().forEach(c -> assertTrue(c <= 2, perAdvertiser.toString()));
    }
  }

  @Test
  void advertisersWithoutBudgetAreFilteredOut() {
    try (InMemoryFeatureStore store = new InMemoryFeatureStore()) {
      AdPipeline p = pipeline(store, 100);
      Candidates first = p.serve(request);
      int broke = fx.catalogue.advertiser(first.id(0));
      p.budget().setRemainingMicros(broke, 0);
      Candidates again = p.serve(request);
      for (int pos = 0; pos < again.size(); pos++) {
        assertFalse(fx.catalogue.advertiser(again.id(pos)) == broke, "advertiser " + broke);
      }
      assertTrue(
          p.budget().remainingMicros(fx.catalogue.advertiser(again.id(0)))
              < fx.catalogue.budgetMicros(fx.catalogue.advertiser(again.id(0))),
          "served ads are charged");
    }
  }

  @Test
  void unknownTargetingValueGetsOnlyUntargetedAdsAndBadQuotaIsRefused() {
    try (InMemoryFeatureStore store = new InMemoryFeatureStore()) {
      AdPipeline p = pipeline(store, 2);
      AdRequest r = new AdRequest(request.numeric(), request.categorical(), -1, 5);
      Candidates top = p.serve(r);
      for (int pos = 0; pos < top.size(); pos++) {
        assertTrue(fx.catalogue.matches(top.id(pos), -1));
      }
      assertTrue(p.generator().matchCount(-1) < p.generator().matchCount(0));
    }
    assertThrows(
        IllegalArgumentException.class, () -> new AdvertiserDiversityReRanker(fx.catalogue, 0));
    assertThrows(
        IllegalArgumentException.class, () -> new AdRequest(new float[0], new String[0], 0, 0));
  }
}
