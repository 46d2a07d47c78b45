package dev.mlsd.core.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;

/**
 * {@link LoadGenerator#runBinary}: POSTs binary bodies with their Content-Type, cycled, over a real
 * socket; a refused type is an error, not a success.
 */
class LoadGeneratorBinaryTest {
  @Test
  void postsEachBodyWithItsTypeAndCountsRefusals() throws Exception {
    Set<Integer> firstBytes = ConcurrentHashMap.newKeySet();
    try (JsonServer server =
        JsonServer.builder("load-binary-test")
            .port(0)
            .postBinary(
                "/v1/upload",
                Set.of("image/png"),
                (body, n, type, q) -> {
                  firstBytes.add(n == 0 ? -1 : body[0] & 0xff);
                  return Map.of("bytes", n);
                })
            .start()) {
      LoadGenerator.Settings settings =
          new LoadGenerator.Settings(
              server.uri().resolve("/v1/upload"),
              100,
              Duration.ZERO,
              Duration.ofMillis(500),
              2,
              i -> "");
      List<byte[]> bodies = List.of(new byte[] {1, 2, 3}, new byte[] {7, 0}, new byte[] {9});
      LoadGenerator.Report ok = LoadGenerator.runBinary(settings, "image/png", bodies);
      assertEquals(0, ok.errors(), ok.firstError());
      assertTrue(ok.requests() >= 40, ok.toText());
      assertEquals(Set.of(1, 7, 9), firstBytes);

      LoadGenerator.Report refused = LoadGenerator.runBinary(settings, "text/plain", bodies);
      assertEquals(refused.requests(), refused.errors());
      assertTrue(refused.firstError().startsWith("status 415"), refused.firstError());

      assertThrows(
          IllegalArgumentException.class,
          () -> LoadGenerator.runBinary(settings, "image/png", List.of()));
    }
  }
}
