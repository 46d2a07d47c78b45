package dev.mlsd.core.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * A malformed query string (bad percent-encoding) is the client's fault: a 400 with a one-line JSON
 * reason, never a 500, whether it is refused while routing on the I/O thread (a binary upload reads
 * its query there) or on a worker (a GET with a query); the handler is never called.
 */
class MalformedQueryStringTest {
  private static final String[] BAD_QUERIES = {"k=%zz", "q=%E0%A4%A", "q=50%", "%=1"};

  @Test
  void aBadQueryStringIsA400WithAJsonReasonOnEveryRoute() throws Exception {
    AtomicInteger called = new AtomicInteger();
    try (JsonServer server =
        JsonServer.builder("bad-query")
            .postBinary(
                "/v1/upload",
                Set.of("image/png"),
                (body, length, type, query) -> {
                  called.incrementAndGet();
                  return Map.of("bytes", length);
                })
            .getWithQuery(
                "/v1/search",
                (rest, query) -> {
                  called.incrementAndGet();
                  return Map.of("q", query.getOrDefault("q", ""));
                })
            .getPrefix(
                "/v1/items/",
                (rest, query) -> {
                  called.incrementAndGet();
                  return Map.of("id", rest);
                })
            .start()) {
      for (String q : BAD_QUERIES) {
        try (RawConnection c = new RawConnection(server.port())) {
          c.write(
              "POST /v1/upload?"
                  + q
                  + " HTTP/1.1\r\nHost: x\r\nContent-Type: image/png\r\nContent-Length: 3\r\n\r\nabc");
          assertBadQuery(c.readAnswer(), "POST /v1/upload?" + q);
        }
        for (String path : new String[] {"/v1/search?", "/v1/items/7?"}) {
          try (RawConnection c = new RawConnection(server.port())) {
            c.write("GET " + path + q + " HTTP/1.1\r\nHost: x\r\n\r\n");
            assertBadQuery(c.readAnswer(), "GET " + path + q);
          }
        }
      }
      assertEquals(0, called.get());
      // each answer is counted once written, which the client may see a moment before
      long until = System.nanoTime() + 10_000_000_000L;
      while (server.metrics().requestCount(400, 401) < 3L * BAD_QUERIES.length
          && System.nanoTime() < until) {
        Thread.onSpinWait();
      }
      assertEquals(3L * BAD_QUERIES.length, server.metrics().requestCount(400, 401));
      assertEquals(0, server.metrics().requestCount(500, 600));

      // the same routes answer a well-formed query
      try (RawConnection c = new RawConnection(server.port())) {
        c.write("GET /v1/search?q=dog%20cat HTTP/1.1\r\nHost: x\r\n\r\n");
        String ok = c.readAnswer();
        assertTrue(ok.startsWith("HTTP/1.1 200"), ok);
        assertTrue(ok.endsWith("{\"q\":\"dog cat\"}"), ok);
      }
    }
  }

  private static void assertBadQuery(String answer, String request) {
    assertTrue(answer.startsWith("HTTP/1.1 400"), request + " -> " + answer);
    assertTrue(answer.contains("application/json"), request + " -> " + answer);
    assertTrue(
        answer.endsWith("{\"error\":\"malformed query string\"}"), request + " -> " + answer);
  }
}
