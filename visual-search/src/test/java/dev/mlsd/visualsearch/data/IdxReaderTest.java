package dev.mlsd.visualsearch.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The IDX reader on hand-made files: values, gzip, and every malformed case named. */
class IdxReaderTest {
  @TempDir Path tmp;

  /** Two 2x3 images, values 0..11, as an IDX byte array. */
  static byte[] images(int magic, int count, int rows, int cols, int values) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    DataOutputStream out = new DataOutputStream(bytes);
    out.writeInt(magic);
    out.writeInt(count);
    out.writeInt(rows);
    out.writeInt(cols);
    for (int i = 0; i < values; i++) {
      out.writeByte(i * 20);
    }
    return bytes.toByteArray();
  }

  static byte[] labels(int... labels) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    DataOutputStream out = new DataOutputStream(bytes);
    out.writeInt(0x00000801);
    out.writeInt(labels.length);
    for (int l : labels) {
      out.writeByte(l);
    }
    return bytes.toByteArray();
  }

  static byte[] gzip(byte[] b) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(bytes)) {
      gz.write(b);
    }
    return bytes.toByteArray();
  }

  @Test
  void readsAHandMadeImageFilePlainAndGzipped() throws Exception {
    byte[] plain = images(0x00000803, 2, 2, 3, 12);
    for (byte[] file : new byte[][] {plain, gzip(plain)}) {
      IdxReader.Idx idx = IdxReader.read(new ByteArrayInputStream(file), 3, "hand-made");
      assertArrayEquals(new int[] {2, 2, 3}, idx.dims());
      assertEquals(12, idx.values().length);
      assertEquals(7 * 20, idx.values()[7] & 0xff);
      assertEquals(0, idx.trailingBytes());
    }
  }

  @Test
  void pairsImagesWithLabelsAndCountsUnknownLabels() throws Exception {
    Path img = tmp.resolve("img.gz");
    Path lab = tmp.resolve("lab");
    Files.write(img, gzip(images(0x00000803, 3, 2, 2, 12)));
    Files.write(lab, labels(4, 12, 9));
    FashionMnist.Split s = FashionMnist.read(img, lab, "hand-made");
    assertEquals(2, s.images().count());
    assertArrayEquals(new int[] {4, 9}, s.images().labels());
    assertEquals(1, s.report().malformed());
    assertEquals(3, s.report().rows());
    assertTrue(s.report().summary().contains("label 12"), s.report().summary());
    // the third image (values 8..11) moved up to the second slot
    assertEquals(8 * 20, s.images().pixels()[4] & 0xff);
  }

  @Test
  void trailingBytesAreCountedNotHidden() throws Exception {
    byte[] file = images(0x00000803, 1, 2, 2, 6);
    IdxReader.Idx idx = IdxReader.read(new ByteArrayInputStream(file), 3, "t");
    assertEquals(2, idx.trailingBytes());
  }

  @Test
  void malformedFilesFailWithTheReason() throws Exception {
    assertMessage(images(0x12345678, 1, 2, 2, 4), 3, "not an IDX file");
    assertMessage(images(0x00000d03, 1, 2, 2, 4), 3, "value type 0xd");
    assertMessage(images(0x00000803, 1, 2, 2, 4), 1, "3 dimensions, expected 1");
    assertMessage(images(0x00000803, 3, 2, 2, 9), 3, "promises 3 items, the file holds 2");
    assertMessage(new byte[] {0, 0}, 3, "shorter than its 4-byte magic");
    assertMessage(new byte[] {0, 0, 8, 3, 0, 0}, 3, "header ends early");
  }

  @Test
  void differentCountsOfImagesAndLabelsAreRefused() throws Exception {
    Path img = tmp.resolve("img");
    Path lab = tmp.resolve("lab");
    Files.write(img, images(0x00000803, 2, 2, 2, 8));
    Files.write(lab, labels(1));
    IOException e = assertThrows(IOException.class, () -> FashionMnist.read(img, lab, "x"));
    assertTrue(e.getMessage().contains("2 images but 1 labels"), e.getMessage());
  }

  private static void assertMessage(byte[] file, int dims, String expected) {
    IOException e =
        assertThrows(
            IOException.class,
            () -> IdxReader.read(new ByteArrayInputStream(file), dims, "bad.idx"));
    assertTrue(e.getMessage().startsWith("bad.idx: "), e.getMessage());
    assertTrue(e.getMessage().contains(expected), e.getMessage());
  }
}
