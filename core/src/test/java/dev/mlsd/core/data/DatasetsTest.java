package dev.mlsd.core.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatasetsTest {
  @TempDir Path tmp;

  private static final byte[] CONTENT = "label,x\n1,2\n".getBytes(StandardCharsets.UTF_8);

  private static String sha(byte[] b) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
  }

  private static DatasetDescriptor descriptor(String url, String sha) {
    return new DatasetDescriptor(
        "toy",
        "a toy",
        "MIT",
        "none",
        "https://example.invalid/toy",
        null,
        List.of(new DatasetDescriptor.FileEntry("rows.csv", sha, CONTENT.length, url)));
  }

  @Test
  void explicitFolderWinsAndIsVerified() throws Exception {
    Path data = tmp.resolve("data");
    Files.createDirectories(data.resolve("toy"));
    Files.write(data.resolve("toy/rows.csv"), CONTENT);
    Datasets d = new Datasets(data, tmp.resolve("cache"), false);
    assertEquals(data.resolve("toy/rows.csv"), d.file(descriptor(null, sha(CONTENT)), "rows.csv"));
  }

  @Test
  void checksumMismatchIsRefusedNamingTheFile() throws Exception {
    Path data = tmp.resolve("data");
    Files.createDirectories(data.resolve("toy"));
    Files.write(data.resolve("toy/rows.csv"), "tampered".getBytes(StandardCharsets.UTF_8));
    Datasets d = new Datasets(data, tmp.resolve("cache"), false);
    var e =
        assertThrows(
            DatasetUnavailableException.class,
            () -> d.file(descriptor(null, sha(CONTENT)), "rows.csv"));
    assertTrue(e.getMessage().contains("Checksum mismatch"), e.getMessage());
    assertTrue(e.getMessage().contains("rows.csv"), e.getMessage());
  }

  @Test
  void cacheIsUsedWhenTheFolderLacksTheFile() throws Exception {
    Path cache = tmp.resolve("cache");
    Files.createDirectories(cache.resolve("toy"));
    Files.write(cache.resolve("toy/rows.csv"), CONTENT);
    Datasets d = new Datasets(tmp.resolve("empty"), cache, false);
    assertEquals(cache.resolve("toy/rows.csv"), d.file(descriptor(null, sha(CONTENT)), "rows.csv"));
  }

  @Test
  void downloadsOverHttpIntoTheCacheWithChecksum() throws Exception {
    AtomicInteger hits = new AtomicInteger();
    HttpServer server =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext(
        "/rows.csv",
        ex -> {
          hits.incrementAndGet();
          ex.sendResponseHeaders(200, CONTENT.length);
          ex.getResponseBody().write(CONTENT);
          ex.close();
        });
    server.start();
    try {
      String url = "http://127.0.0.1:" + server.getAddress().getPort() + "/rows.csv";
      Path cache = tmp.resolve("cache");
      Datasets d = new Datasets(null, cache, true);
      Path p = d.file(descriptor(url, sha(CONTENT)), "rows.csv");
      assertEquals(cache.resolve("toy/rows.csv"), p);
      assertEquals(new String(CONTENT, StandardCharsets.UTF_8), Files.readString(p));
      d.file(descriptor(url, sha(CONTENT)), "rows.csv");
      assertEquals(1, hits.get(), "the second call is served from the cache");
    } finally {
      server.stop(0);
    }
  }

  /** Serves {@code head} then, if {@code stall}, holds the connection open sending nothing. */
  private static Thread rawServer(
      java.net.ServerSocket ss, String head, byte[] body, boolean stall) {
    Thread t =
        new Thread(
            () -> {
              try (java.net.Socket s = ss.accept()) {
                s.getInputStream().read(new byte[4096]);
                s.getOutputStream().write(head.getBytes(StandardCharsets.US_ASCII));
                s.getOutputStream().write(body);
                s.getOutputStream().flush();
                if (stall) {
                  Thread.sleep(10_000);
                }
              } catch (Exception e) {
                // the client gave up
              }
            });
    t.setDaemon(true);
    t.start();
    return t;
  }

  @Test
  void aStalledDownloadIsAbandonedAndLeavesNothing() throws Exception {
    try (java.net.ServerSocket ss =
        new java.net.ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      rawServer(
          ss,
          "HTTP/1.1 200 OK\r\nContent-Length: " + CONTENT.length + "\r\n\r\n",
          java.util.Arrays.copyOf(CONTENT, 4),
          true);
      String url = "http://127.0.0.1:" + ss.getLocalPort() + "/rows.csv";
      Path cache = tmp.resolve("cache");
      Datasets d = new Datasets(null, cache, true, java.time.Duration.ofMillis(300));
      var e =
          assertThrows(
              DatasetUnavailableException.class,
              () -> d.file(descriptor(url, sha(CONTENT)), "rows.csv"));
      assertTrue(e.getMessage().contains("timed out"), e.getMessage());
      try (var left = Files.list(cache.resolve("toy"))) {
        assertEquals(0, left.count(), "no .part file is left behind");
      }
    }
  }

  @Test
  void aDownloadLargerThanItsDescriptorIsRefused() throws Exception {
    byte[] big = new byte[CONTENT.length * 100];
    for (boolean declared : new boolean[] {true, false}) {
      try (java.net.ServerSocket ss =
          new java.net.ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
        String head =
            declared
                ? "HTTP/1.1 200 OK\r\nContent-Length: " + big.length + "\r\n\r\n"
                : "HTTP/1.1 200 OK\r\nConnection: close\r\n\r\n";
        rawServer(ss, head, big, false);
        String url = "http://127.0.0.1:" + ss.getLocalPort() + "/rows.csv";
        Path cache = tmp.resolve("cache-" + declared);
        Datasets d = new Datasets(null, cache, true);
        var e =
            assertThrows(
                DatasetUnavailableException.class,
                () -> d.file(descriptor(url, sha(CONTENT)), "rows.csv"));
        assertTrue(e.getMessage().contains("bytes"), e.getMessage());
        assertFalse(Files.exists(cache.resolve("toy/rows.csv")));
      }
    }
  }

  @Test
  void badDownloadLeavesNothingUnderTheFinalName() throws Exception {
    Path src = tmp.resolve("served.csv");
    Files.writeString(src, "label,x\n9,9\n"); // the right size, the wrong bytes
    Path cache = tmp.resolve("cache");
    Datasets d = new Datasets(null, cache, true);
    var e =
        assertThrows(
            DatasetUnavailableException.class,
            () -> d.file(descriptor(src.toUri().toString(), sha(CONTENT)), "rows.csv"));
    assertTrue(e.getMessage().contains("Checksum mismatch"), e.getMessage());
    assertFalse(Files.exists(cache.resolve("toy/rows.csv")));
    try (var left = Files.list(cache.resolve("toy"))) {
      assertEquals(0, left.count(), "no .part file is left behind");
    }
  }

  @Test
  void noCopyAndNoNetworkGivesOneClearMessage() throws Exception {
    Datasets d = new Datasets(null, tmp.resolve("cache"), true);
    String url = "http://127.0.0.1:1/rows.csv";
    var e =
        assertThrows(
            DatasetUnavailableException.class,
            () -> d.file(descriptor(url, sha(CONTENT)), "rows.csv"));
    String m = e.getMessage();
    assertTrue(m.contains("'toy'") && m.contains(Datasets.ENV_DATA_DIR) && m.contains(url), m);
  }

  @Test
  void unknownDatasetOrFileIsAnArgumentError() {
    Datasets d = new Datasets(null, tmp, false);
    assertThrows(IllegalArgumentException.class, () -> d.file("no-such-dataset", "x"));
    assertThrows(IllegalArgumentException.class, () -> d.file("criteo-sample", "nope.txt"));
  }

  /** Every packaged descriptor matches the real files, when the shared datasets are present. */
  @Test
  void descriptorsMatchTheSharedDatasets() throws Exception {
    Datasets env = Datasets.fromEnvironment();
    String dir = System.getenv(Datasets.ENV_DATA_DIR);
    org.junit.jupiter.api.Assumptions.assumeTrue(
        dir != null && Files.isDirectory(Path.of(dir)), "MLSD_DATA_DIR is not set; skipping");
    int checked = 0;
    try (var names = Files.list(Path.of(dir))) {
      for (Path p : names.filter(Files::isDirectory).toList()) {
        String name = p.getFileName().toString();
        DatasetDescriptor desc = DatasetDescriptor.load(name);
        assertEquals(p, env.directory(name));
        checked += desc.files().size();
      }
    }
    assertTrue(checked > 13, "checked " + checked + " files");
  }
}
