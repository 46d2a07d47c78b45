package dev.mlsd.core.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Only {@link BadRequestException} (and the server's own input checks) produce a 4xx; every other
 * exception is a 500 counted on {@code /metrics}; every error body is one line of JSON, the ones
 * Jetty writes itself included.
 */
class ErrorMappingTest {
  record Req(int n) {}

  /** Jackson cannot write this: its getter throws. */
  public static final class Unwritable {
    public int getValue() {
      throw new IllegalStateException("broken getter");
    }
  }

  static JsonServer server;
  static TestClient client;

  @BeforeAll
  static void start() throws Exception {
    server =
        JsonServer.builder("errors")
            .post(
                "/internal",
                Req.class,
                r -> {
                  throw new IllegalArgumentException("embedding id 99 outside the vocabulary");
                })
            .post(
                "/bad",
                Req.class,
                r -> {
                  throw BadRequestException.unknownId("item", r.n());
                })
            .post("/validated", Req.class, r -> Validation.range("n", r.n(), 0, 5))
            .post("/unwritable", Req.class, r -> new Unwritable())
            .getPrefix("/items/", (rest, q) -> Map.of("id", Integer.parseInt(rest)))
            .start();
    client = new TestClient(server.uri());
  }

  @AfterAll
  static void stop() {
    client.close();
    server.close();
  }

  private static String error(HttpResponse<String> r) throws Exception {
    assertEquals("application/json", r.headers().firstValue("Content-Type").orElse(""));
    JsonNode body = Json.mapper().readTree(r.body());
    String reason = body.path("error").asText("");
    assertTrue(!reason.isEmpty() && !reason.contains("\n"), r.body());
    return reason;
  }

  @Test
  void anInternalIllegalArgumentIsA500CountedAndNotLeaked() throws Exception {
    HttpResponse<String> r = client.post("/internal", "{\"n\":1}");
    assertEquals(500, r.statusCode());
    assertEquals("internal error", error(r));
    String counted =
        "mlsd_http_requests_total{endpoint=\"/internal\",outcome=\"server_error\","
            + "status=\"500\"} 1.0";
    assertTrue(awaitMetric(counted), counted);
    assertTrue(client.get("/metrics").body().contains(counted));
  }

  @Test
  void aNumberFormatExceptionInAPathHandlerIsA500TooUnlessItSaysBadRequest() throws Exception {
    assertEquals(200, client.get("/items/12").statusCode());
    assertEquals(500, client.get("/items/twelve").statusCode());
  }

  @Test
  void badRequestExceptionsAndValidationKeepTheirFourHundreds() throws Exception {
    HttpResponse<String> unknown = client.post("/bad", "{\"n\":7}");
    assertEquals(404, unknown.statusCode());
    assertEquals("unknown item id 7", error(unknown));
    HttpResponse<String> range = client.post("/validated", "{\"n\":9}");
    assertEquals(400, range.statusCode());
    assertEquals("n must be in [0, 5], got 9", error(range));
    assertEquals(200, client.post("/validated", "{\"n\":3}").statusCode());
  }

  @Test
  void aResponseThatCannotBeWrittenIsA500NotA499() throws Exception {
    long before = server.metrics().requestCount(499, 500);
    HttpResponse<String> r = client.post("/unwritable", "{\"n\":1}");
    assertEquals(500, r.statusCode());
    error(r);
    assertEquals(before, server.metrics().requestCount(499, 500));
  }

  @Test
  void jettysOwnErrorsAreJsonToo() throws Exception {
    String[] requests = {
      // bad percent-encoding in the path
      "GET /items/%zz HTTP/1.1\r\nHost: x\r\n\r\n",
      // not HTTP at all
      "THIS IS NOT HTTP\r\n\r\n",
      // headers over the 8 KiB limit: 431
      "GET /health HTTP/1.1\r\nHost: x\r\nX-Big: " + "a".repeat(20_000) + "\r\n\r\n",
      // no Host header in HTTP/1.1
      "GET /health HTTP/1.1\r\n\r\n",
    };
    int[] statuses = {400, 400, 431, 400};
    for (int i = 0; i < requests.length; i++) {
      try (RawConnection c = new RawConnection(server.port())) {
        String answer = c.write(requests[i]).readUntilClosed(64 * 1024);
        assertTrue(answer.startsWith("HTTP/1.1 " + statuses[i]), i + ": " + answer);
        assertTrue(answer.contains("Content-Type: application/json"), i + ": " + answer);
        String body = answer.substring(answer.indexOf("\r\n\r\n") + 4);
        JsonNode json = Json.mapper().readTree(body);
        assertTrue(!json.path("error").asText("").isEmpty(), i + ": " + answer);
      }
    }
  }

  /**
   * The server counts a request once its answer has been written, which can be just after the
   * client has read it: wait (bounded) for this endpoint's own count line, rather than for a total
   * that another test's late count could satisfy.
   */
  private static boolean awaitMetric(String line) throws InterruptedException {
    long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(10);
    while (!server.metrics().scrape().contains(line)) {
      if (System.nanoTime() > deadline) {
        return false;
      }
      Thread.sleep(5);
    }
    return true;
  }
}
