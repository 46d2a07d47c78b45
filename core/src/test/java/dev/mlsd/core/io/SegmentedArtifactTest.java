package dev.mlsd.core.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SegmentedArtifactTest {
  @TempDir Path dir;

  private static final float[] FLOATS = {1.5f, -2.25f, 3e-7f, Float.MAX_VALUE, 0f, 7f, 8.5f};
  private static final int[] INTS = {1, -1, Integer.MAX_VALUE, 42, 0};
  private static final long[] LONGS = {Long.MIN_VALUE, 3L, 1L << 40};
  private static final byte[] BYTES = {9, -9, 0};
  // 1 byte, then int, floats, ints, longs, bytes, long: every value off its natural alignment
  private static final long LENGTH = 1 + 4 + 4 * 7 + 4 * 5 + 8 * 3 + 3 + 8;

  private Path writeStreamed(String name) throws IOException {
    Path f = dir.resolve(name);
    ArtifactFile.write(
        f,
        "test-kind",
        3,
        "{}",
        LENGTH,
        out ->
            out.putBytes(new byte[] {5}, 0, 1)
                .putInt(-7)
                .putFloats(FLOATS, 0, FLOATS.length)
                .putInts(INTS, 0, INTS.length)
                .putLongs(LONGS, 0, LONGS.length)
                .putBytes(BYTES, 0, BYTES.length)
                .putLong(123456789012345L));
    return f;
  }

  @Test
  void streamedPayloadIsTheSameFileAsABufferedOne() throws IOException {
    Path streamed = writeStreamed("s.mlsd");
    ByteBuffer b = ByteBuffer.allocate((int) LENGTH).order(ByteOrder.LITTLE_ENDIAN);
    b.put((byte) 5).putInt(-7);
    for (float x : FLOATS) {
      b.putFloat(x);
    }
    for (int x : INTS) {
      b.putInt(x);
    }
    for (long x : LONGS) {
      b.putLong(x);
    }
    b.put(BYTES).putLong(123456789012345L).flip();
    Path buffered = dir.resolve("b.mlsd");
    ArtifactFile.write(buffered, "test-kind", 3, "{}", b);
    assertArrayEquals(Files.readAllBytes(buffered), Files.readAllBytes(streamed));
  }

  @Test
  void everySegmentSizeReadsTheSameValues() throws IOException {
    Path f = writeStreamed("v.mlsd");
    for (int segment : new int[] {1, 2, 3, 5, 7, 8, 13, 64, 1 << 20}) {
      ArtifactFile.MappedArtifact a = ArtifactFile.readMapped(f, "test-kind", 3, segment);
      MappedPayload p = a.payload();
      assertEquals(LENGTH, p.length());
      assertEquals((LENGTH + segment - 1) / segment, p.segmentCount());
      byte[] one = new byte[1];
      p.getBytes(one, 0, 1);
      assertEquals(5, one[0]);
      assertEquals(-7, p.getInt(), "segment " + segment);
      float[] fl = new float[FLOATS.length];
      p.getFloats(fl, 0, fl.length);
      assertArrayEquals(FLOATS, fl, "segment " + segment);
      int[] in = new int[INTS.length];
      p.getInts(in, 0, in.length);
      assertArrayEquals(INTS, in, "segment " + segment);
      long[] lo = new long[LONGS.length];
      p.getLongs(lo, 0, lo.length);
      assertArrayEquals(LONGS, lo, "segment " + segment);
      byte[] by = new byte[BYTES.length];
      p.getBytes(by, 0, by.length);
      assertArrayEquals(BYTES, by);
      assertEquals(123456789012345L, p.getLong());
      assertEquals(0, p.remaining());
      assertThrows(IllegalStateException.class, p::getInt);
    }
  }

  @Test
  void aFlippedByteInAnySegmentIsRefused() throws IOException {
    Path f = writeStreamed("c.mlsd");
    byte[] bytes = Files.readAllBytes(f);
    bytes[bytes.length - 8 - 20] ^= 1; // inside the payload, in its last segments
    Files.write(f, bytes);
    assertThrows(
        CorruptArtifactException.class, () -> ArtifactFile.readMapped(f, "test-kind", 3, 7));
    assertThrows(CorruptArtifactException.class, () -> ArtifactFile.read(f, "test-kind", 3));
  }

  @Test
  void truncatedOtherKindOrNewerVersionIsRefused() throws IOException {
    Path f = writeStreamed("t.mlsd");
    assertThrows(CorruptArtifactException.class, () -> ArtifactFile.readMapped(f, "other", 3));
    assertThrows(CorruptArtifactException.class, () -> ArtifactFile.readMapped(f, "test-kind", 2));
    byte[] bytes = Files.readAllBytes(f);
    Path cut = dir.resolve("cut.mlsd");
    Files.write(cut, java.util.Arrays.copyOf(bytes, bytes.length - 3));
    assertThrows(
        CorruptArtifactException.class, () -> ArtifactFile.readMapped(cut, "test-kind", 3));
  }

  @Test
  void aWriterThatBreaksItsPromiseLeavesNoFile() {
    Path f = dir.resolve("short.mlsd");
    assertThrows(
        IllegalStateException.class,
        () -> ArtifactFile.write(f, "test-kind", 1, "{}", 8, out -> out.putInt(1)));
    assertFalse(Files.exists(f));
  }
}
