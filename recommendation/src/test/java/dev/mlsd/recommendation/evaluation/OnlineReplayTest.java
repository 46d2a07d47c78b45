package dev.mlsd.recommendation.evaluation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mlsd.core.http.JsonServer;
import dev.mlsd.recommendation.RecommendationSystem;
import dev.mlsd.recommendation.TrainedFixture;
import dev.mlsd.recommendation.data.TimeSplit;
import dev.mlsd.recommendation.serving.RecommendationHttpServer;
import java.io.IOException;
import org.junit.jupiter.api.Test;

class OnlineReplayTest {
  @Test
  void replaysTheTestPeriodInTimeOrderThroughTheServer() throws Exception {
    RecommendationSystem sys = TrainedFixture.system();
    TimeSplit split = sys.split();
    var log = split.interactions();
    long[] rows = OnlineReplay.testRowsInTimeOrder(split);
    int expected = 0;
    for (int u = 0; u < log.userCount(); u++) {
      expected += split.isCold(u) ? 0 : log.end(u) - split.valEnd(u);
    }
    assertEquals(expected, rows.length);
    for (int i = 1; i < rows.length; i++) {
      assertTrue(log.timestamp((int) rows[i - 1]) <= log.timestamp((int) rows[i]));
    }
    RecommendationHttpServer http = RecommendationHttpServer.beforeTestPeriod(sys.service(), split);
    try (JsonServer server = http.start(0)) {
      OnlineReplay r = OnlineReplay.run(server.uri(), split, sys.data().catalog(), 120);
      assertEquals(Math.min(120, rows.length), r.events());
      assertTrue(r.users() >= 1 && r.users() <= r.events());
      assertTrue(r.hitRate() >= 0 && r.hitRate() <= 1, "hit rate " + r.hitRate());
      assertTrue(r.coverage() > 0 && r.coverage() <= 1);
      assertEquals(r.events(), r.getLatency().count());
      assertEquals(r.events(), r.postLatency().count());
      // the watches are in the server now: replaying them again goes back in time, refused
      IOException e =
          assertThrows(
              IOException.class,
              () -> OnlineReplay.run(server.uri(), split, sys.data().catalog(), 120));
      assertTrue(e.getMessage().contains("before the user's last watch"), e.getMessage());
    }
    assertThrows(
        IllegalArgumentException.class,
        () -> OnlineReplay.run(java.net.URI.create("http://127.0.0.1:1/"), split, null, 0));
  }

  @Test
  void anUnreachableServerIsAnIoError() {
    RecommendationSystem sys = TrainedFixture.system();
    assertThrows(
        IOException.class,
        () ->
            OnlineReplay.run(
                java.net.URI.create("http://127.0.0.1:1/"), sys.split(), sys.data().catalog(), 5));
  }
}
