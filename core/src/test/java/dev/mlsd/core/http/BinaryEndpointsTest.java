package dev.mlsd.core.http;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Raw GET endpoints (a page, an image), a binary POST (an upload), and a GET and a POST prefix on
 * one path, over a real socket.
 */
class BinaryEndpointsTest {
  /** The body of the POST prefix route. */
  record Flag(boolean value) {}

  private static JsonServer server() throws Exception {
    byte[] png = {(byte) 0x89, 'P', 'N', 'G', 0, 1, 2};
    return JsonServer.builder("binary-test")
        .maxBodyBytes(16)
        .getRaw(
            "/",
            (rest, q) ->
                new RawHandler.Response(
                    "text/html; charset=utf-8", "<p>hi</p>".getBytes(StandardCharsets.UTF_8)))
        .getRawPrefix(
            "/img/",
            (rest, q) -> {
              if (!rest.equals("7.png")) {
                throw new BadRequestException(404, "no image " + rest);
              }
              return new RawHandler.Response("image/png", png);
            })
        .postPrefix(
            "/img/",
            Flag.class,
            (rest, flag) -> {
              if (!rest.equals("7/private")) {
                throw new BadRequestException(404, "no image " + rest);
              }
              return Map.of("id", 7, "private", flag.value());
            })
        .postBinary(
            "/upload",
            Set.of("image/png", "image/jpeg"),
            (body, n, type, q) -> {
              if (body[0] != 'x') {
                throw new BadRequestException(400, "not an image");
              }
              return Map.of("bytes", n, "type", type, "k", q.getOrDefault("k", "-"));
            })
        .start();
  }

  @Test
  void servesBytesAndTakesUploads() throws Exception {
    try (JsonServer s = server();
        TestClient c = new TestClient(s.uri())) {
      HttpResponse<String> page = c.get("/");
      assertEquals(200, page.statusCode());
      assertEquals("text/html; charset=utf-8", page.headers().firstValue("Content-Type").get());
      assertEquals("<p>hi</p>", page.body());

      HttpResponse<byte[]> img =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(s.uri().resolve("/img/7.png")).build(),
                  HttpResponse.BodyHandlers.ofByteArray());
      assertEquals(200, img.statusCode());
      assertEquals("image/png", img.headers().firstValue("Content-Type").get());
      assertArrayEquals(new byte[] {(byte) 0x89, 'P', 'N', 'G', 0, 1, 2}, img.body());
      assertEquals(404, c.get("/img/8.png").statusCode());
      HttpResponse<String> flag = c.post("/img/7/private", "{\"value\":false}");
      assertEquals(200, flag.statusCode(), flag.body());
      assertTrue(flag.body().contains("\"private\":false"), flag.body());

      HttpResponse<String> up =
          c.post("/upload?k=3", "image/png", "xyz".getBytes(StandardCharsets.US_ASCII));
      assertEquals(200, up.statusCode(), up.body());
      assertTrue(up.body().contains("\"bytes\":3") && up.body().contains("\"k\":\"3\""), up.body());
    }
  }

  @Test
  void badUploadsAreFourHundreds() throws Exception {
    try (JsonServer s = server();
        TestClient c = new TestClient(s.uri())) {
      HttpResponse<String> notImage =
          c.post("/upload", "image/jpeg", "abc".getBytes(StandardCharsets.US_ASCII));
      assertEquals(400, notImage.statusCode());
      assertTrue(notImage.body().contains("not an image"), notImage.body());
      assertEquals(415, c.post("/upload", "application/json", "{}".getBytes()).statusCode());
      assertEquals(415, c.post("/upload", null, "x".getBytes()).statusCode());
      assertEquals(413, c.post("/upload", "image/png", new byte[17]).statusCode());
      assertEquals(400, c.post("/upload", "image/png", new byte[0]).statusCode());
      assertEquals(405, c.send("DELETE", "/img/7.png").statusCode());
      assertEquals(405, c.send("PUT", "/").statusCode());
    }
  }
}
