package dev.mlsd.recommendation.evaluation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mlsd.core.http.JsonServer;
import dev.mlsd.recommendation.RecommendationSystem;
import dev.mlsd.recommendation.TrainedFixture;
import dev.mlsd.recommendation.serving.RecommendationHttpServer;
import org.junit.jupiter.api.Test;

class RetrainingRoundTest {
  @Test
  void theInProcessReplayEqualsTheHttpReplayAndTheRoundComparesTheNextPeriod() throws Exception {
    RecommendationSystem sys = TrainedFixture.system();
    int total = OnlineReplay.testRowsInTimeOrder(sys.split()).length;
    OnlineReplay http;
    RecommendationHttpServer server =
        RecommendationHttpServer.beforeTestPeriod(sys.service(), sys.split());
    try (JsonServer s = server.start(0)) {
      http = OnlineReplay.run(s.uri(), sys.split(), sys.data().catalog(), 100);
    }
    RetrainingRound round =
        RetrainingRound.run(sys.service(), sys.split(), 100, 80, sys.params().knnNeighbours(), 7L);
    assertEquals(http.events(), round.replayed());
    // popularity's hit rate on the replayed watches, against a brute-force full sort
    assertEquals(popularityHits(sys, 100) / 100.0, round.replayHitRate().get("popularity"), 1e-12);
    // in process the user tower reads the request's time, the server's stored state the last
    // watch's: close, not equal
    assertEquals(http.hitRate(), round.replayHitRate().get("full pipeline (in process)"), 0.05);
    assertEquals(Math.min(80, total - round.replayed()), round.next());
    assertTrue(round.nextUsers() >= 1 && round.nextUsers() <= round.next());
    for (String m : RetrainingRound.MODELS) {
      double f = round.frozen().get(m);
      double r = round.refreshed().get(m);
      assertTrue(f >= 0 && f <= 1 && r >= 0 && r <= 1, m + " " + f + " " + r);
      var d = round.difference().get(m);
      assertTrue(d.lower() <= d.estimate() && d.estimate() <= d.upper(), m + " " + d);
    }
    assertTrue(round.lines().size() == 2 + RetrainingRound.MODELS.size());
  }

  private static int popularityHits(RecommendationSystem sys, int events) {
    var log = sys.split().interactions();
    long[] order = OnlineReplay.testRowsInTimeOrder(sys.split());
    var pop = sys.service().models().popularity();
    int items = sys.data().catalog().size();
    float[] scores = new float[items];
    int hits = 0;
    for (int e = 0; e < events; e++) {
      int row = (int) order[e];
      int u = OnlineReplay.userOf(log, row);
      var r = new dev.mlsd.recommendation.features.UserRequest(8);
      r.fill(log, u, log.start(u), row, log.timestamp(row));
      pop.scoreAll(r, scores);
      java.util.Set<Integer> watched = new java.util.HashSet<>();
      for (int h = 0; h < r.length; h++) {
        watched.add(r.items[h]);
      }
      java.util.List<Integer> ranked = new java.util.ArrayList<>();
      for (int i = 0; i < items; i++) {
        if (!watched.contains(i)) {
          ranked.add(i);
        }
      }
      ranked.sort((a, b) -> scores[a] != scores[b] ? Float.compare(scores[b], scores[a]) : a - b);
      hits += ranked.subList(0, OnlineReplay.K).contains(log.item(row)) ? 1 : 0;
    }
    return hits;
  }

  @Test
  void anEmptyPeriodIsRefused() {
    RecommendationSystem sys = TrainedFixture.system();
    assertThrows(
        IllegalArgumentException.class,
        () -> RetrainingRound.run(sys.service(), sys.split(), 0, 10, 10, 1L));
    assertThrows(
        IllegalArgumentException.class,
        () -> RetrainingRound.run(sys.service(), sys.split(), 10, 0, 10, 1L));
  }
}
