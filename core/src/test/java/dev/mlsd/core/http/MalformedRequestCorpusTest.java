package dev.mlsd.core.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A corpus of malformed requests: each must get the expected 4xx with a one-line JSON reason, never
 * a 500; afterwards the server still serves good requests and has counted no server error.
 */
class MalformedRequestCorpusTest {
  static ToyFixture toy;
  static TestClient client;

  @BeforeAll
  static void start() throws Exception {
    toy = new ToyFixture(2);
    client = new TestClient(toy.server.uri());
  }

  @AfterAll
  static void stop() {
    client.close();
    toy.close();
  }

  record Case(String name, String path, String contentType, byte[] body, int status) {
    static Case json(String name, String body, int status) {
      return new Case(
          name, "/rank", "application/json", body.getBytes(StandardCharsets.UTF_8), status);
    }
  }

  static List<Case> corpus() {
    List<Case> c = new ArrayList<>();
    c.add(Case.json("not json", "hello", 400));
    c.add(Case.json("truncated object", "{\"userId\":1,", 400));
    c.add(Case.json("empty body", "", 400));
    c.add(Case.json("just null", "null", 400));
    c.add(Case.json("array instead of object", "[1,2]", 400));
    c.add(Case.json("number instead of object", "42", 400));
    c.add(Case.json("string for int", "{\"userId\":\"1\",\"k\":10}", 400));
    c.add(Case.json("float for int", "{\"userId\":1.5,\"k\":10}", 400));
    c.add(Case.json("bool for int", "{\"userId\":true,\"k\":10}", 400));
    c.add(Case.json("null for int", "{\"userId\":null,\"k\":10}", 400));
    c.add(Case.json("missing field", "{\"userId\":1}", 400));
    c.add(Case.json("unknown field", "{\"userId\":1,\"k\":10,\"admin\":true}", 400));
    c.add(Case.json("duplicate key", "{\"userId\":1,\"k\":10,\"k\":11}", 400));
    c.add(Case.json("k zero", "{\"userId\":1,\"k\":0}", 400));
    c.add(Case.json("k negative", "{\"userId\":1,\"k\":-5}", 400));
    c.add(Case.json("k too large", "{\"userId\":1,\"k\":101}", 400));
    c.add(Case.json("int overflow", "{\"userId\":99999999999,\"k\":10}", 400));
    c.add(Case.json("huge number", "{\"userId\":1e400,\"k\":10}", 400));
    c.add(Case.json("NaN", "{\"userId\":NaN,\"k\":10}", 400));
    c.add(Case.json("trailing garbage", "{\"userId\":1,\"k\":10} xyz", 400));
    c.add(Case.json("two objects", "{\"userId\":1,\"k\":10}{\"userId\":1,\"k\":10}", 400));
    c.add(Case.json("single quotes", "{'userId':1,'k':10}", 400));
    c.add(Case.json("comment", "{/*x*/\"userId\":1,\"k\":10}", 400));
    c.add(
        Case.json(
            "deep nesting", "{\"userId\":" + "[".repeat(200) + "]".repeat(200) + ",\"k\":1}", 400));
    c.add(Case.json("unknown user", "{\"userId\":10000,\"k\":10}", 404));
    c.add(Case.json("negative user", "{\"userId\":-1,\"k\":10}", 404));
    c.add(
        new Case(
            "invalid utf-8",
            "/rank",
            "application/json",
            new byte[] {'{', '"', (byte) 0xC3, (byte) 0x28, '"', ':', '1', '}'},
            400));
    c.add(
        new Case(
            "body over the limit",
            "/rank",
            "application/json",
            ("{\"userId\":1,\"k\":10,\"pad\":\"" + "x".repeat(5000) + "\"}")
                .getBytes(StandardCharsets.UTF_8),
            413));
    c.add(
        new Case(
            "text/plain",
            "/rank",
            "text/plain",
            "{\"userId\":1,\"k\":10}".getBytes(StandardCharsets.UTF_8),
            415));
    c.add(
        new Case(
            "unknown path",
            "/nope",
            "application/json",
            "{}".getBytes(StandardCharsets.UTF_8),
            404));
    c.add(
        new Case(
            "path prefix is not the endpoint",
            "/rank/extra",
            "application/json",
            "{\"userId\":1,\"k\":10}".getBytes(StandardCharsets.UTF_8),
            404));
    StringBuilder longList = new StringBuilder("{\"userId\":1,\"exclude\":[");
    for (int i = 0; i < 101; i++) {
      longList.append(i == 0 ? "" : ",").append(i);
    }
    longList.append("]}");
    c.add(
        new Case(
            "list too long",
            "/exclude",
            "application/json",
            longList.toString().getBytes(StandardCharsets.UTF_8),
            400));
    c.add(
        new Case(
            "null in list",
            "/exclude",
            "application/json",
            "{\"userId\":1,\"exclude\":[1,null]}".getBytes(StandardCharsets.UTF_8),
            400));
    c.add(
        new Case(
            "scalar for list",
            "/exclude",
            "application/json",
            "{\"userId\":1,\"exclude\":5}".getBytes(StandardCharsets.UTF_8),
            400));
    return c;
  }

  @Test
  void everyMalformedRequestGetsItsFourHundredWithAOneLineReason() throws Exception {
    List<String> wrong = new ArrayList<>();
    for (Case c : corpus()) {
      HttpResponse<String> r = client.post(c.path(), c.contentType(), c.body());
      String reason = "";
      try {
        JsonNode body = Json.mapper().readTree(r.body());
        reason = body.path("error").asText("");
      } catch (Exception e) {
        reason = "";
      }
      if (r.statusCode() != c.status() || reason.isEmpty() || reason.contains("\n")) {
        wrong.add(c.name() + ": got " + r.statusCode() + " " + r.body());
      }
    }
    assertTrue(wrong.isEmpty(), String.join("\n", wrong));
    assertEquals(0, toy.server.metrics().requestCount(500, 600));
  }

  @Test
  void reasonsNameTheProblem() throws Exception {
    String k = client.post("/rank", "{\"userId\":1,\"k\":0}").body();
    assertTrue(k.contains("k must be in [1, 100], got 0"), k);
    String unknown = client.post("/rank", "{\"userId\":1,\"k\":10,\"admin\":true}").body();
    assertTrue(unknown.contains("admin"), unknown);
    String user = client.post("/rank", "{\"userId\":10000,\"k\":10}").body();
    assertTrue(user.contains("unknown user id 10000"), user);
  }

  @Test
  void wrongMethodsGet405WithAllow() throws Exception {
    HttpResponse<String> get = client.get("/rank");
    assertEquals(405, get.statusCode());
    assertEquals("POST", get.headers().firstValue("Allow").orElse(""));
    assertEquals(405, client.post("/health", "{}").statusCode());
    assertEquals(405, client.send("DELETE", "/metrics").statusCode());
  }

  @Test
  void garbageOnTheWireIsRefusedAndTheServerKeepsServing() throws Exception {
    try (Socket s = new Socket("127.0.0.1", toy.server.port())) {
      s.setSoTimeout(5_000);
      OutputStream out = s.getOutputStream();
      out.write("THIS IS NOT HTTP\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
      out.flush();
      InputStream in = s.getInputStream();
      byte[] buf = new byte[64];
      int n = in.read(buf);
      // the JDK server answers 400 or just closes; either way no 5xx
      if (n > 0) {
        String head = new String(buf, 0, n, StandardCharsets.US_ASCII);
        assertTrue(head.startsWith("HTTP/1.1 4"), head);
      }
    }
    assertEquals(200, client.post("/rank", "{\"userId\":3,\"k\":3}").statusCode());
  }
}
