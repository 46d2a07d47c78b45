package dev.mlsd.recommendation.serving;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mlsd.core.inference.Activation;
import dev.mlsd.core.inference.InferenceGraph;
import dev.mlsd.core.io.ModelCard;
import dev.mlsd.core.serving.Candidates;
import dev.mlsd.core.serving.ranking.ScoringGraph;
import dev.mlsd.recommendation.RecommendationSystem;
import dev.mlsd.recommendation.TrainedFixture;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RecommendationServiceTest {
  @Test
  void neverRecommendsTheHistoryAndIsDeterministic() {
    RecommendationSystem s = TrainedFixture.system();
    RecommendationService service = s.service();
    var log = s.split().interactions();
    RecoRequest q = service.newRequest();
    for (int u = 0; u < log.userCount(); u++) {
      q.user.fill(log, u, log.start(u), log.end(u) - 5, log.timestamp(log.end(u) - 5));
      int[] a = new int[10];
      int n = service.recommend(q, 10, a);
      assertEquals(10, n);
      for (int i = 0; i < n; i++) {
        for (int h = 0; h < q.user.length; h++) {
          assertFalse(a[i] == q.user.items[h], "user " + u + " got a watched item back");
        }
      }
      assertEquals(n, Arrays.stream(a).distinct().count(), "duplicates");
      int[] b = new int[10];
      service.recommend(q, 10, b);
      assertArrayEquals(a, b);
    }
  }

  @Test
  void easeGeneratorsReturnTheFullRankingOfTheirScores() {
    RecommendationSystem s = TrainedFixture.system();
    RecommendationModels m = s.service().models();
    var log = s.split().interactions();
    RecoRequest q = s.service().newRequest();
    int items = m.catalog().size();
    for (boolean recent : new boolean[] {false, true}) {
      for (int u = 0; u < 5; u++) {
        q.user.fill(log, u, log.start(u), log.end(u) - 5, log.timestamp(log.end(u) - 5));
        s.service().prepare(q);
        Candidates c = new Candidates(20, 0);
        new EaseCandidateGenerator(20, recent).generate(q, c);
        var scorer =
            dev.mlsd.recommendation.evaluation.EaseSelection.recent(
                m.ease(), recent ? m.easeHalfLife() : 0);
        int[] want = new int[20];
        int got =
            new dev.mlsd.recommendation.evaluation.FullRanking(scorer, items, 20)
                .recommend(q.user, 20, want);
        assertEquals(got, c.size());
        for (int i = 0; i < got; i++) {
          assertEquals(want[i], c.id(i), "user " + u + ", position " + i);
        }
      }
    }
  }

  @Test
  void hydratedItemColumnsFollowTheirDefinitions() {
    RecommendationSystem s = TrainedFixture.system();
    RecommendationService service = s.service();
    RecommendationModels m = service.models();
    var log = s.split().interactions();
    RecoRequest q = service.newRequest();
    var scratch = service.newCandidateScratch();
    int checked = 0;
    for (int u = 0; u < 10; u++) {
      q.user.fill(log, u, log.start(u), log.end(u) - 5, log.timestamp(log.end(u) - 5));
      service.prepare(q);
      Candidates c = service.candidates(q, scratch);
      for (int row = 0; row < c.size(); row++) {
        int id = c.id(row);
        int o = c.featureOffset(row);
        float[] f = c.features();
        int year = m.catalog().year(id);
        assertEquals((float) Math.log1p(q.knn[id]), f[o + 2]);
        assertEquals(m.popularity().logCount(id) / 8f, f[o + 3]);
        assertEquals((float) Math.log1p(Math.floor(q.trending[id])) / 4f, f[o + 4]);
        assertEquals(
            year == dev.mlsd.recommendation.data.Catalog.UNKNOWN_YEAR ? 0f : (year - 1990) / 30f,
            f[o + 6]);
        assertEquals(m.itemMeanStars()[id] / 5f, f[o + 10]);
        assertEquals(Integer.bitCount(m.catalog().genreMask(id)) / 4f, f[o + 12]);
        checked++;
      }
    }
    assertTrue(checked > 100, "checked " + checked);
  }

  @Test
  void alreadyWatchedFilterReadsTheRequestsMarks() {
    RecommendationSystem s = TrainedFixture.system();
    RecoRequest q = s.service().newRequest();
    q.user.reset(-1, 1_100_000_000L).add(3, 5f, 1_000_000_000L);
    s.service().prepare(q);
    AlreadyWatchedFilter f = new AlreadyWatchedFilter();
    assertFalse(f.keep(q, 3));
    assertTrue(f.keep(q, 4));
    // a second request on the same thread forgets the first one's marks
    q.user.reset(-1, 1_100_000_000L).add(4, 5f, 1_000_000_000L);
    s.service().prepare(q);
    assertTrue(f.keep(q, 3));
    assertFalse(f.keep(q, 4));
  }

  @Test
  void featureStorePathEqualsTheOnlinePath() {
    RecommendationSystem s = TrainedFixture.system();
    RecommendationService service = s.service();
    var log = s.split().interactions();
    var state =
        new UserStateFeatures(
            new dev.mlsd.core.featurestore.InMemoryFeatureStore(),
            service.models().tower().dimension(),
            service.models().wals().factors());
    long now = 2_000_000_000L;
    int[] users = {0, 1, 2};
    assertEquals(3, state.materialise(service, log, users, now));
    RecoRequest online = service.newRequest();
    RecoRequest batch = service.newRequest();
    for (int u : users) {
      online.user.fill(log, u, log.start(u), log.end(u), now);
      batch.user.fill(log, u, log.start(u), log.end(u), now);
      int[] a = new int[10];
      int[] b = new int[10];
      service.recommend(online, 10, a, null);
      service.recommend(batch, 10, b, state);
      assertArrayEquals(online.towerUser, batch.towerUser);
      assertArrayEquals(online.walsUser, batch.walsUser);
      assertEquals(online.userMeanStars, batch.userMeanStars);
      assertArrayEquals(a, b, "user " + u);
    }
    // a user the store does not hold is computed online, with the same result
    online.user.fill(log, 5, log.start(5), log.end(5), now);
    batch.user.fill(log, 5, log.start(5), log.end(5), now);
    int[] a = new int[10];
    int[] b = new int[10];
    service.recommend(online, 10, a, null);
    service.recommend(batch, 10, b, state);
    assertArrayEquals(a, b);
  }

  @Test
  void refusesAnUnknownItemInTheHistory() {
    RecommendationSystem s = TrainedFixture.system();
    RecoRequest q = s.service().newRequest();
    q.user.reset(-1, 1L).add(9999, 4f, 0L);
    assertThrows(IllegalArgumentException.class, () -> s.service().prepare(q));
  }

  @Test
  void theRankerHotSwapsAndTheNextRequestUsesTheNewModel() {
    RecommendationSystem s = TrainedFixture.system();
    // a service of its own: the fixture's is shared with the other tests
    RecommendationService service =
        new RecommendationService(s.service().models(), s.service().params());
    var log = s.split().interactions();
    RecoRequest q = service.newRequest();
    q.user.fill(log, 0, log.start(0), log.end(0) - 5, log.timestamp(log.end(0) - 5));
    Candidates before = service.serve(q, 10, null);
    for (int p = 0; p < before.size(); p++) {
      assertTrue(before.score(p) < 2, "a probability plus a small boost");
    }
    // a model that scores every video 1000, whatever its features
    int width = service.models().ranker().inputWidth();
    InferenceGraph.Builder g = InferenceGraph.builder(width, 0);
    g.dense(g.input(), new float[width], new float[] {1000f}, Activation.IDENTITY);
    ModelCard card =
        new ModelCard("constant", "v2", "none", "", "none", 0L, Map.of(), Map.of(), 0L, "test");
    service.ranker().swap(ScoringGraph.uncalibrated(g.build()), card);
    Candidates after = service.serve(q, 10, null);
    assertEquals(10, after.size());
    for (int p = 0; p < after.size(); p++) {
      assertTrue(after.score(p) >= 1000 - 1e-3, "scored by the swapped-in model");
    }
    assertEquals("v2", service.ranker().version());
  }

  @Test
  void shortHistoriesGetThePopularVideosTheyHaveNotWatchedAndLongerOnesTheRankedList() {
    RecommendationSystem s = TrainedFixture.system();
    RecommendationModels m = s.service().models();
    RecommendationService service =
        new RecommendationService(m, s.params().serving().withFallbackHistory(3));
    RecommendationService ranked =
        new RecommendationService(m, s.params().serving().withFallbackHistory(0));
    var log = s.split().interactions();
    int items = m.catalog().size();
    var popular = new dev.mlsd.recommendation.evaluation.FullRanking(m.popularity(), items, 10);
    RecoRequest q = service.newRequest();
    RecoRequest r = ranked.newRequest();
    int differs = 0;
    for (int u = 0; u < log.userCount(); u++) {
      for (int rows : new int[] {1, 3, 4}) {
        int end = log.end(u) - 5;
        q.user.fill(log, -1, end - rows, end, log.timestamp(end));
        r.user.copyFrom(q.user);
        int[] got = new int[10];
        int n = service.recommend(q, 10, got);
        int[] want = new int[10];
        if (rows <= 3) {
          int w = popular.recommend(q.user, 10, want);
          assertEquals(w, n);
          assertArrayEquals(want, got, "user " + u + " with " + rows + " rows: popularity order");
        } else {
          int w = ranked.recommend(r, 10, want);
          assertEquals(w, n);
          assertArrayEquals(want, got, "user " + u + " with " + rows + " rows: the ranked list");
          differs += Arrays.equals(got, popularTop(popular, q)) ? 0 : 1;
        }
      }
    }
    assertTrue(differs > 0, "the ranked pipeline never differed from popularity");
    assertThrows(
        IllegalArgumentException.class, () -> s.params().serving().withFallbackHistory(-1));
  }

  private static int[] popularTop(
      dev.mlsd.recommendation.evaluation.FullRanking popular, RecoRequest q) {
    int[] out = new int[10];
    popular.recommend(q.user, 10, out);
    return out;
  }
}
