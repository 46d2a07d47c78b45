package dev.mlsd.core.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;

/** {@link LoadGenerator#runGet}: GETs with request i's query string, over a real socket. */
class LoadGeneratorGetTest {
  @Test
  void getsEachRequestsQueryAndCountsFailures() throws Exception {
    Set<String> seen = ConcurrentHashMap.newKeySet();
    try (JsonServer server =
        JsonServer.builder("load-get-test")
            .port(0)
            .getWithQuery(
                "/v1/search",
                (rest, query) -> {
                  if (query.get("q").equals("bad")) {
                    throw new BadRequestException(400, "bad query");
                  }
                  seen.add(query.get("q"));
                  return Map.of("q", query.get("q"));
                })
            .start()) {
      LoadGenerator.Settings settings =
          new LoadGenerator.Settings(
              server.uri().resolve("/v1/search"),
              100,
              Duration.ZERO,
              Duration.ofMillis(500),
              2,
              i -> "");
      LoadGenerator.Report ok = LoadGenerator.runGet(settings, i -> "?k=10&q=dog%20" + (i % 3));
      assertEquals(0, ok.errors(), ok.firstError());
      assertTrue(ok.requests() >= 40, ok.toText());
      assertEquals(Set.of("dog 0", "dog 1", "dog 2"), seen);

      LoadGenerator.Report bad = LoadGenerator.runGet(settings, i -> "?q=bad");
      assertEquals(bad.requests(), bad.errors());
      assertTrue(bad.firstError().startsWith("status 400"), bad.firstError());
    }
  }
}
