package dev.mlsd.visualsearch.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import dev.mlsd.core.data.DatasetDescriptor;
import dev.mlsd.core.data.Datasets;
import java.awt.image.BufferedImage;
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
import java.util.zip.GZIPOutputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Both ways a new user gets the data without the shared folder, over a real local HTTP server: the
 * publisher's Fashion-MNIST gzip files (verified by their decompressed content) and the CIFAR-10
 * binary release (verified by the publisher's MD5), each read into images; the binary release and
 * the JPEG zip give the same images in the same order.
 */
class DownloadedSourcesTest {
  @TempDir Path tmp;

  private static String hex(String algorithm, byte[] b) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance(algorithm).digest(b));
  }

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

  private static DatasetDescriptor toy(List<DatasetDescriptor.FileEntry> files) {
    return new DatasetDescriptor("toy", "t", "MIT", "none", "https://example.invalid", null, files);
  }

  @Test
  void publishersFashionMnistGzipFilesDownloadVerifyAndRead() throws Exception {
    byte[] images = IdxReaderTest.images(0x00000803, 2, 2, 2, 8);
    byte[] labels = IdxReaderTest.labels(3, 7);
    HttpServer server =
        serve(Map.of("/img.gz", IdxReaderTest.gzip(images), "/lab.gz", IdxReaderTest.gzip(labels)));
    try {
      String base = "http://127.0.0.1:" + server.getAddress().getPort();
      // the descriptor's sha256 is another copy's (a re-gzip); the content checksum verifies
      DatasetDescriptor d =
          toy(
              List.of(
                  new DatasetDescriptor.FileEntry(
                      "img.gz",
                      hex("SHA-256", new byte[1]),
                      0,
                      base + "/img.gz",
                      hex("SHA-256", images),
                      null,
                      null),
                  new DatasetDescriptor.FileEntry(
                      "lab.gz",
                      hex("SHA-256", new byte[1]),
                      0,
                      base + "/lab.gz",
                      hex("SHA-256", labels),
                      null,
                      null)));
      Datasets datasets = new Datasets(null, tmp.resolve("cache"), true);
      FashionMnist.Split s =
          FashionMnist.read(datasets.file(d, "img.gz"), datasets.file(d, "lab.gz"), "toy");
      assertEquals(2, s.images().count());
      assertArrayEquals(new int[] {3, 7}, s.images().labels());
      assertEquals(0, s.report().malformed());
    } finally {
      server.stop(0);
    }
  }

  /** A CIFAR-10 binary batch of flat-coloured images: record r has label labels[r]. */
  private static byte[] batch(int[] labels) {
    byte[] b = new byte[labels.length * 3073];
    for (int r = 0; r < labels.length; r++) {
      b[r * 3073] = (byte) labels[r];
      for (int ch = 0; ch < 3; ch++) {
        for (int p = 0; p < 1024; p++) {
          b[r * 3073 + 1 + ch * 1024 + p] = (byte) (40 * r + 60 * ch + 10);
        }
      }
    }
    return b;
  }

  private static byte[] tarGz(String name, byte[] data) throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(bytes)) {
      byte[] header = new byte[512];
      byte[] n = name.getBytes(StandardCharsets.US_ASCII);
      System.arraycopy(n, 0, header, 0, n.length);
      byte[] size = String.format("%011o", data.length).getBytes(StandardCharsets.US_ASCII);
      System.arraycopy(size, 0, header, 124, size.length);
      header[156] = '0';
      byte[] readme = new byte[512];
      byte[] rn = "cifar-10-batches-bin/readme.html".getBytes(StandardCharsets.US_ASCII);
      System.arraycopy(rn, 0, readme, 0, rn.length);
      System.arraycopy(
          String.format("%011o", 3).getBytes(StandardCharsets.US_ASCII), 0, readme, 124, 11);
      readme[156] = '0';
      gz.write(readme);
      gz.write(new byte[512]); // 3 bytes of readme, padded
      gz.write(header);
      gz.write(data);
      gz.write(new byte[(512 - data.length % 512) % 512]);
      gz.write(new byte[1024]);
    }
    return bytes.toByteArray();
  }

  @Test
  void cifarBinaryReleaseAndJpegZipGiveTheSameImages() throws Exception {
    int[] labels = {9, 0, 3, 0}; // canonical order mixes classes; both sources sort class by class
    byte[] release = tarGz("cifar-10-batches-bin/test_batch.bin", batch(labels));
    HttpServer server = serve(Map.of("/cifar-10-binary.tar.gz", release));
    Cifar10.Loaded binary;
    try {
      DatasetDescriptor d =
          toy(
              List.of(
                  new DatasetDescriptor.FileEntry(
                      "cifar-10-binary.tar.gz",
                      null,
                      0,
                      "http://127.0.0.1:"
                          + server.getAddress().getPort()
                          + "/cifar-10-binary.tar.gz",
                      null,
                      hex("MD5", release),
                      "cifar10-test.zip")));
      binary =
          Cifar10.readBinary(
              new Datasets(null, tmp.resolve("cache"), true).file(d, "cifar-10-binary.tar.gz"));
    } finally {
      server.stop(0);
    }
    assertArrayEquals(new int[] {0, 0, 3, 9}, binary.images().labels());
    // record 1 (the first airplane) comes first, channels-last: R, G, B of pixel 0
    assertEquals(40 + 10, binary.images().pixels()[0] & 0xff);
    assertEquals(40 + 70, binary.images().pixels()[1] & 0xff);

    // the zip: test/<class>/NNNN.jpg, numbered within a class in canonical order, plus a broken
    // file
    Path zip = tmp.resolve("cifar10-test.zip");
    int[] perClass = new int[10];
    try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(zip))) {
      for (int r = 0; r < labels.length; r++) {
        BufferedImage img = new BufferedImage(32, 32, BufferedImage.TYPE_INT_RGB);
        int rgb = ((40 * r + 10) << 16) | ((40 * r + 70) << 8) | (40 * r + 130);
        for (int y = 0; y < 32; y++) {
          for (int x = 0; x < 32; x++) {
            img.setRGB(x, y, rgb);
          }
        }
        ByteArrayOutputStream jpg = new ByteArrayOutputStream();
        ImageIO.write(img, "jpg", jpg);
        String name =
            String.format(
                "test/%s/%04d.jpg", Cifar10.CLASSES.get(labels[r]), perClass[labels[r]]++);
        out.putNextEntry(new ZipEntry(name));
        out.write(jpg.toByteArray());
      }
      out.putNextEntry(new ZipEntry("test/cat/9999.jpg"));
      out.write("not a jpeg".getBytes(StandardCharsets.US_ASCII));
    }
    Cifar10.Loaded fromZip = Cifar10.readZip(zip);
    assertEquals(1, fromZip.report().malformed(), fromZip.report().summary());
    assertArrayEquals(binary.images().labels(), fromZip.images().labels());
    byte[] a = binary.images().pixels();
    byte[] b = fromZip.images().pixels();
    assertEquals(a.length, b.length);
    for (int i = 0; i < a.length; i++) {
      assertTrue(Math.abs((a[i] & 0xff) - (b[i] & 0xff)) <= 3, "pixel byte " + i + " (JPEG error)");
    }
  }
}
