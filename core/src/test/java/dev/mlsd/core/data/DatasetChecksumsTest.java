package dev.mlsd.core.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The alternative checksums of a descriptor entry: a publisher's original gzip verifies by the
 * SHA-256 of its decompressed content when the descriptor's SHA-256 describes a re-gzipped copy; a
 * file the publisher gives only an MD5 for verifies by it; downloads over a real local HTTP server.
 */
class DatasetChecksumsTest {
  @TempDir Path tmp;

  private static final byte[] IDX =
      "\0\0\b\1\0\0\0\3 three labels".getBytes(StandardCharsets.ISO_8859_1);

  private static String hex(String algorithm, byte[] b) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance(algorithm).digest(b));
  }

  /** The same content gzipped at another level: different bytes, same decompressed content. */
  private static byte[] gzip(byte[] content, int level) throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (GZIPOutputStream gz =
        new GZIPOutputStream(bytes) {
          {
            def.setLevel(level);
          }
        }) {
      gz.write(content);
    }
    return bytes.toByteArray();
  }

  private static DatasetDescriptor descriptor(DatasetDescriptor.FileEntry... entries) {
    return new DatasetDescriptor(
        "toy", "a toy", "MIT", "none", "https://example.invalid/toy", null, List.of(entries));
  }

  /** Serves each path's bytes on a loopback port; returns the base URL. */
  private static HttpServer serve(Map<String, byte[]> files) throws Exception {
    HttpServer server =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    files.forEach(
        (path, body) ->
            server.createContext(
                path,
                ex -> {
                  ex.sendResponseHeaders(200, body.length);
                  ex.getResponseBody().write(body);
                  ex.close();
                }));
    server.start();
    return server;
  }

  private static String base(HttpServer s) {
    return "http://127.0.0.1:" + s.getAddress().getPort();
  }

  @Test
  void upstreamGzipVerifiesByItsDecompressedContent() throws Exception {
    byte[] regzipped = gzip(IDX, Deflater.BEST_COMPRESSION); // what the shared folder holds
    byte[] upstream = gzip(IDX, Deflater.BEST_SPEED); // what the publisher serves
    upstream[9] = 3; // another gzip header (OS = Unix): other bytes, the same content
    assertFalse(hex("SHA-256", regzipped).equals(hex("SHA-256", upstream)));
    HttpServer server = serve(Map.of("/labels.gz", upstream));
    try {
      DatasetDescriptor.FileEntry entry =
          new DatasetDescriptor.FileEntry(
              "labels.gz",
              hex("SHA-256", regzipped),
              regzipped.length,
              base(server) + "/labels.gz",
              hex("SHA-256", IDX),
              null,
              null);
      Path cache = tmp.resolve("cache");
      Path p = new Datasets(null, cache, true).file(descriptor(entry), "labels.gz");
      assertEquals(cache.resolve("toy/labels.gz"), p);
      assertArrayEquals(upstream, Files.readAllBytes(p));
      // the re-gzipped copy in an explicit folder verifies by its own SHA-256
      Path data = tmp.resolve("data");
      Files.createDirectories(data.resolve("toy"));
      Files.write(data.resolve("toy/labels.gz"), regzipped);
      assertEquals(
          data.resolve("toy/labels.gz"),
          new Datasets(data, cache, false).file(descriptor(entry), "labels.gz"));
    } finally {
      server.stop(0);
    }
  }

  @Test
  void otherContentIsRefusedAndNothingIsKept() throws Exception {
    byte[] other = gzip("\0\0\b\1\0\0\0\3 other labels".getBytes(StandardCharsets.ISO_8859_1), 6);
    HttpServer server = serve(Map.of("/labels.gz", other, "/plain", IDX));
    try {
      for (String path : List.of("/labels.gz", "/plain")) {
        DatasetDescriptor.FileEntry entry =
            new DatasetDescriptor.FileEntry(
                "labels.gz",
                hex("SHA-256", "x".getBytes()),
                1,
                base(server) + path,
                hex("SHA-256", IDX),
                null,
                null);
        Path cache = tmp.resolve("cache" + path.length());
        var e =
            assertThrows(
                DatasetUnavailableException.class,
                () -> new Datasets(null, cache, true).file(descriptor(entry), "labels.gz"));
        assertTrue(e.getMessage().contains("decompressed content"), e.getMessage());
        assertFalse(Files.exists(cache.resolve("toy/labels.gz")));
      }
    } finally {
      server.stop(0);
    }
  }

  @Test
  void aPublishersMd5IsEnoughAndAnAlternativeIsNotRequiredByDirectory() throws Exception {
    byte[] tarGz = gzip("a binary release".getBytes(StandardCharsets.US_ASCII), 6);
    HttpServer server = serve(Map.of("/release.tar.gz", tarGz));
    try {
      DatasetDescriptor.FileEntry release =
          new DatasetDescriptor.FileEntry(
              "release.tar.gz",
              null,
              0,
              base(server) + "/release.tar.gz",
              null,
              hex("MD5", tarGz),
              "images.zip");
      Path cache = tmp.resolve("cache");
      Path p = new Datasets(null, cache, true).file(descriptor(release), "release.tar.gz");
      assertArrayEquals(tarGz, Files.readAllBytes(p));
      var wrong =
          new DatasetDescriptor.FileEntry(
              "release.tar.gz", null, 0, null, null, hex("MD5", IDX), "images.zip");
      var e =
          assertThrows(
              DatasetUnavailableException.class,
              () -> new Datasets(null, cache, false).file(descriptor(wrong), "release.tar.gz"));
      assertTrue(e.getMessage().contains("MD5 " + hex("MD5", IDX)), e.getMessage());
    } finally {
      server.stop(0);
    }
    assertEquals(
        "cifar10-test.zip",
        DatasetDescriptor.load("cifar10-test").file("cifar-10-binary.tar.gz").alternativeTo());
  }

  @Test
  void anEntryWithoutAnyChecksumIsRefused() {
    assertThrows(
        IllegalArgumentException.class,
        () -> new DatasetDescriptor.FileEntry("x", null, 0, null, null, null, null));
  }
}
