package dev.mlsd.visualsearch.serving;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mlsd.core.http.JsonServer;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The HTTP API over a real socket: searches, images, indexing, flags, and bad input as 4xx. */
class VisualSearchServerTest {
  private static ServingFixture fixture;
  private static JsonServer server;
  private static final HttpClient CLIENT =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  @BeforeAll
  static void start() throws Exception {
    fixture = new ServingFixture(0.9999f);
    server =
        VisualSearchServer.start(
            fixture.service,
            fixture.indexing,
            id -> id < ServingFixture.COUNT ? "generated" : "added",
            0);
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  private static HttpResponse<String> post(String path, String type, byte[] body) throws Exception {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(server.uri().resolve(path))
            .timeout(Duration.ofSeconds(10))
            .POST(HttpRequest.BodyPublishers.ofByteArray(body));
    if (type != null) {
      b.header("Content-Type", type);
    }
    return CLIENT.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static HttpResponse<byte[]> get(String path) throws Exception {
    return CLIENT.send(
        HttpRequest.newBuilder(server.uri().resolve(path)).timeout(Duration.ofSeconds(10)).build(),
        HttpResponse.BodyHandlers.ofByteArray());
  }

  private static byte[] png(int id) {
    return ServingFixture.png(fixture.pixels(id), 28, 28);
  }

  @Test
  void searchesWithAnUploadAndACrop() throws Exception {
    HttpResponse<String> r = post("/v1/search?k=7&crop=2,2,20,20", "image/png", png(8));
    assertEquals(200, r.statusCode(), r.body());
    assertTrue(r.body().contains("\"ids\":[") && r.body().contains("\"scores\":["), r.body());
    assertEquals(7, r.body().split("\"generated\"|\"added\"", -1).length - 1, r.body());
  }

  @Test
  void servesGalleryImagesAsPng() throws Exception {
    HttpResponse<byte[]> r = get("/v1/images/3.png");
    assertEquals(200, r.statusCode());
    assertEquals("image/png", r.headers().firstValue("Content-Type").orElse(""));
    var img = ImageIO.read(new ByteArrayInputStream(r.body()));
    assertEquals(28, img.getWidth());
    assertEquals(fixture.pixels(3)[100] & 0xff, img.getRaster().getSample(100 % 28, 100 / 28, 0));
    assertEquals(404, get("/v1/images/100000.png").statusCode());
    assertEquals(404, get("/v1/images/abc.png").statusCode());
    assertEquals(404, get("/v1/images/3.gif").statusCode());
  }

  @Test
  void addsAnImageAndFlagsOnePrivate() throws Exception {
    HttpResponse<String> added = post("/v1/images", "image/png", png(50));
    assertEquals(200, added.statusCode(), added.body());
    assertTrue(added.body().matches("\\{\"id\":\\d+\\}"), added.body());
    HttpResponse<String> flag =
        post("/v1/images/4/private", "application/json", json("{\"value\":true}"));
    assertEquals(200, flag.statusCode(), flag.body());
    assertTrue(fixture.service.gallery().isPrivate(4));
    assertEquals(
        200,
        post("/v1/images/4/private", "application/json", json("{\"value\":false}")).statusCode());
    assertTrue(!fixture.service.gallery().isPrivate(4));
    assertStatus(
        post("/v1/images/4/private", "application/json", json("{\"value\":\"maybe\"}")),
        400,
        "value");
    assertStatus(post("/v1/images/4/private", "application/json", json("{}")), 400, "'value'");
    assertEquals(
        404,
        post("/v1/images/99999/private", "application/json", json("{\"value\":true}"))
            .statusCode());
  }

  private static byte[] json(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void badUploadsAreFourHundredsWithAReason() throws Exception {
    assertStatus(post("/v1/search", "image/png", "not an image".getBytes()), 400, "not an image");
    assertStatus(post("/v1/search?k=0", "image/png", png(1)), 400, "k must be in 1..50");
    assertStatus(post("/v1/search?k=51", "image/png", png(1)), 400, "k must be in 1..50");
    assertStatus(post("/v1/search?k=ten", "image/png", png(1)), 400, "k must be an integer");
    assertStatus(post("/v1/search?crop=20,20,10,10", "image/png", png(1)), 400, "outside");
    assertStatus(post("/v1/search?crop=a,b", "image/png", png(1)), 400, "crop must be");
    byte[] wide = VisualSearchServer.png(new byte[3000 * 2], 2, 3000, 1);
    assertStatus(post("/v1/search", "image/png", wide), 400, "at most 2048");
    // over the limit: answered from the declared length, before the body is read
    try (Socket s = new Socket(server.uri().getHost(), server.uri().getPort())) {
      s.getOutputStream()
          .write(
              ("POST /v1/search HTTP/1.1\r\nHost: x\r\nContent-Type: image/png\r\n"
                      + "Content-Length: "
                      + (QueryImageDecoder.MAX_BYTES + 1)
                      + "\r\n\r\n")
                  .getBytes(StandardCharsets.US_ASCII));
      s.getOutputStream().flush();
      s.setSoTimeout(5000);
      String answer = new String(s.getInputStream().readNBytes(12), StandardCharsets.US_ASCII);
      assertEquals("HTTP/1.1 413", answer);
    }
    assertStatus(post("/v1/search", "application/json", "{}".getBytes()), 415, "Content-Type");
    assertStatus(post("/v1/search", "image/png", new byte[0]), 400, "empty body");
    assertStatus(post("/v1/images", "image/jpeg", "garbage".getBytes()), 400, "not an image");
  }

  @Test
  void halfOpenRequestsAndGarbageDoNotTakeTheServerDown() throws Exception {
    URI u = server.uri();
    List<Socket> held = new ArrayList<>();
    for (int i = 0; i < 3; i++) { // requests that promise a body and never send it
      Socket s = new Socket(u.getHost(), u.getPort());
      OutputStream out = s.getOutputStream();
      out.write(
          ("POST /v1/search HTTP/1.1\r\nHost: x\r\nContent-Type: image/png\r\nContent-Length: 5000\r\n\r\nabc")
              .getBytes(StandardCharsets.US_ASCII));
      out.flush();
      held.add(s);
    }
    try (Socket s = new Socket(u.getHost(), u.getPort())) {
      s.getOutputStream().write(new byte[] {0, 1, 2, (byte) 0xff, '\r', '\n', '\r', '\n'});
      s.getOutputStream().flush();
      s.setSoTimeout(5000);
      InputStream in = s.getInputStream();
      in.read(); // whatever it answers (or closes), it must not hang the others
    } catch (java.io.IOException expected) {
      // a reset is an acceptable answer to garbage
    }
    HttpResponse<byte[]> health = get("/health");
    assertEquals(200, health.statusCode());
    assertTrue(new String(health.body(), StandardCharsets.UTF_8).contains("\"gallery\""));
    HttpResponse<String> ok = post("/v1/search?k=3", "image/png", png(2));
    assertEquals(200, ok.statusCode(), ok.body());
    String metrics = new String(get("/metrics").body(), StandardCharsets.UTF_8);
    assertTrue(
        metrics.contains("stage") && metrics.contains("nearest"), "per-stage latency on /metrics");
    for (Socket s : held) {
      s.close();
    }
  }

  private static void assertStatus(HttpResponse<String> r, int status, String reason) {
    assertEquals(status, r.statusCode(), r.body());
    assertTrue(r.body().contains(reason), r.body());
  }
}
