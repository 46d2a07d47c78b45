package dev.mlsd.core.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mlsd.core.toy.ToyRequest;
import dev.mlsd.core.toy.ToyService;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Slow and unfriendly clients hold connections, never workers: with more stalled clients than there
 * are worker threads, {@code /health} and a real request still answer (within the test client's 10
 * s deadline), and the stalled connections are answered 408 or closed by the body deadline and the
 * idle timeout.
 */
class SlowClientTest {
  private static JsonServer server(ToyFixture toy) throws Exception {
    return JsonServer.builder("slow")
        .threads(2)
        .idleTimeout(Duration.ofSeconds(2))
        .bodyTimeout(Duration.ofSeconds(1))
        .post("/rank", ToyRequest.class, new ToyService(toy.pipeline, toy.model, null))
        .start();
  }

  @Test
  void stalledHeadersAndBodiesDoNotStopHealthOrRequests() throws Exception {
    try (ToyFixture toy = new ToyFixture(1);
        JsonServer server = server(toy);
        TestClient client = new TestClient(server.uri())) {
      List<RawConnection> partialHeaders = new ArrayList<>();
      List<RawConnection> partialBodies = new ArrayList<>();
      try {
        for (int i = 0; i < 8; i++) {
          partialHeaders.add(
              new RawConnection(server.port())
                  .write("POST /rank HTTP/1.1\r\nHost: x\r\nContent-Type: appl"));
          partialBodies.add(
              new RawConnection(server.port())
                  .write(
                      "POST /rank HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                          + "Content-Length: 100\r\n\r\n{"));
        }
        HttpResponse<String> health = client.get("/health");
        assertEquals(200, health.statusCode(), health.body());
        HttpResponse<String> rank = client.post("/rank", "{\"userId\":7,\"k\":5}");
        assertEquals(200, rank.statusCode(), rank.body());

        for (RawConnection c : partialBodies) {
          String answer = c.readUntilClosed(4096);
          assertTrue(answer.startsWith("HTTP/1.1 408"), answer);
          assertTrue(answer.contains("{\"error\":\"request body not received"), answer);
        }
        for (RawConnection c : partialHeaders) {
          String answer = c.readUntilClosed(4096);
          // closed by the idle timeout; Jetty may say 408 first, never anything else
          assertTrue(answer.isEmpty() || answer.startsWith("HTTP/1.1 408"), answer);
        }
      } finally {
        for (RawConnection c : partialHeaders) {
          c.close();
        }
        for (RawConnection c : partialBodies) {
          c.close();
        }
      }
      // a new connection: the client's pooled one may have been idle past the 2 s idle timeout
      try (TestClient fresh = new TestClient(server.uri())) {
        assertEquals(200, fresh.post("/rank", "{\"userId\":8,\"k\":5}").statusCode());
      }
      assertEquals(
          0,
          server.metrics().requestCount(500, 600),
          server
              .metrics()
              .scrape()
              .lines()
              .filter(l -> l.contains("requests_total"))
              .toList()
              .toString());
    }
  }

  @Test
  void aTlsHandshakeOnThePlainPortIsRefusedAtOnce() throws Exception {
    // the first bytes of a TLS 1.2 ClientHello record
    byte[] hello = {
      0x16, 0x03, 0x01, 0x00, (byte) 0xa5, 0x01, 0x00, 0x00, (byte) 0xa1, 0x03, 0x03, 0x5a, 0x11
    };
    try (ToyFixture toy = new ToyFixture(1);
        JsonServer server = server(toy);
        RawConnection tls = new RawConnection(server.port())) {
      String answer = tls.write(hello).readUntilClosed(4096);
      assertTrue(answer.isEmpty() || answer.startsWith("HTTP/1.1 400"), answer);
    }
  }

  @Test
  void manySlowClientsBeyondTheConnectionCapDelayOthersOnlyUntilTheyAreCut() throws Exception {
    try (ToyFixture toy = new ToyFixture(1);
        JsonServer server =
            JsonServer.builder("capped")
                .maxConnections(4)
                .idleTimeout(Duration.ofSeconds(1))
                .post("/rank", ToyRequest.class, new ToyService(toy.pipeline, toy.model, null))
                .start();
        TestClient client = new TestClient(server.uri())) {
      List<RawConnection> held = new ArrayList<>();
      try {
        for (int i = 0; i < 6; i++) {
          held.add(new RawConnection(server.port()).write("GET /health HTTP/1.1\r\nHo"));
        }
        // the cap holds new connections in the backlog until the idle timeout cuts the stalled
        HttpResponse<String> health = client.get("/health");
        assertEquals(200, health.statusCode(), health.body());
      } finally {
        for (RawConnection c : held) {
          c.close();
        }
      }
    }
  }
}
