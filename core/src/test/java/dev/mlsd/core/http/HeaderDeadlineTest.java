package dev.mlsd.core.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The header deadline over a real socket: a client that sends its request line and headers one byte
 * at a time, each byte well inside the idle timeout, has its connection closed once the header
 * deadline has passed, long before the idle timeout would; a keep-alive connection that stays
 * silent between requests is not cut by it.
 */
class HeaderDeadlineTest {
  record Req(int n) {}

  private static JsonServer server() throws IOException {
    return JsonServer.builder("header-deadline")
        .idleTimeout(Duration.ofSeconds(30))
        .headerTimeout(Duration.ofMillis(400))
        .post("/echo", Req.class, r -> Map.of("n", r.n()))
        .start();
  }

  @Test
  void aHeaderSentByteByByteIsCutAtTheDeadlineNotTheIdleTimeout() throws Exception {
    String header = "POST /echo HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nX-Slow: ";
    try (JsonServer server = server();
        Socket s = new Socket("127.0.0.1", server.port())) {
      s.setSoTimeout(20);
      InputStream in = s.getInputStream();
      boolean closed = false;
      // one byte every 20 ms (the idle timeout is 30 s); the header never ends. Sending for up to
      // 20 s, 50 times the deadline and well inside the idle timeout.
      long until = System.nanoTime() + Duration.ofSeconds(20).toNanos();
      for (int i = 0; !closed && System.nanoTime() < until; i++) {
        try {
          s.getOutputStream().write(i < header.length() ? header.charAt(i) : 'a');
          s.getOutputStream().flush();
          closed = in.read() < 0;
        } catch (SocketTimeoutException e) {
          // nothing from the server yet: send the next byte
        } catch (IOException e) {
          closed = true; // reset by the server
        }
      }
      assertTrue(closed, "the server kept a connection whose headers never ended");
    }
  }

  @Test
  void aSilentKeepAliveConnectionOutlivesTheHeaderDeadline() throws Exception {
    try (JsonServer server = server();
        RawConnection c = new RawConnection(server.port())) {
      String request =
          "POST /echo HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
              + "Content-Length: 7\r\n\r\n{\"n\":1}";
      c.write(request);
      String first = c.readAnswer();
      assertTrue(first.startsWith("HTTP/1.1 200"), first);
      // silent for three header deadlines: idle, not slow, so the connection stays open
      Thread.sleep(1200);
      c.write(request);
      String second = c.readAnswer();
      assertTrue(second.startsWith("HTTP/1.1 200"), second);
      assertTrue(second.endsWith("{\"n\":1}"), second);
      assertEquals(0, server.metrics().requestCount(500, 599));
    }
  }
}
