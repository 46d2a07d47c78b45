package dev.mlsd.core.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ArtifactFileTest {
  @TempDir Path dir;

  private Path writeSample() throws IOException {
    ByteBuffer payload = ByteBuffer.allocate(4 * 5).order(ByteOrder.LITTLE_ENDIAN);
    for (int i = 0; i < 5; i++) {
      payload.putFloat(i * 1.5f);
    }
    payload.flip();
    Path f = dir.resolve("m.mlsd");
    ArtifactFile.write(f, "dense-model", 2, "{\"seed\":42}", payload);
    return f;
  }

  @Test
  void roundTripKeepsKindHeaderAndPayload() throws IOException {
    Artifact a = ArtifactFile.read(writeSample(), "dense-model", 2);
    assertEquals("dense-model", a.kind());
    assertEquals(2, a.kindVersion());
    assertEquals("{\"seed\":42}", a.header());
    assertEquals(20, a.payload().remaining());
    assertEquals(4 * 1.5f, a.payload().getFloat(16));
  }

  @Test
  void flippedPayloadByteIsRefused() throws IOException {
    Path f = writeSample();
    byte[] b = Files.readAllBytes(f);
    b[b.length - 12] ^= 0x01;
    Files.write(f, b);
    var e = assertThrows(CorruptArtifactException.class, () -> ArtifactFile.read(f));
    assertTrue(e.getMessage().contains("checksum"), e.getMessage());
  }

  @Test
  void truncatedFileIsRefusedAtEveryLength() throws IOException {
    Path f = writeSample();
    byte[] b = Files.readAllBytes(f);
    for (int len = 0; len < b.length; len++) {
      Files.write(f, Arrays.copyOf(b, len));
      assertThrows(CorruptArtifactException.class, () -> ArtifactFile.read(f), "length " + len);
    }
  }

  @Test
  void wrongKindAndNewerLayoutAreRefused() throws IOException {
    Path f = writeSample();
    var kind =
        assertThrows(CorruptArtifactException.class, () -> ArtifactFile.read(f, "hnsw-index", 9));
    assertTrue(kind.getMessage().contains("expected a 'hnsw-index'"), kind.getMessage());
    var newer =
        assertThrows(CorruptArtifactException.class, () -> ArtifactFile.read(f, "dense-model", 1));
    assertTrue(newer.getMessage().contains("newer"), newer.getMessage());
  }

  @Test
  void foreignFileIsRefused() throws IOException {
    Path f = dir.resolve("x.mlsd");
    Files.writeString(f, "this is a text file, not a model, and it is long enough");
    var e = assertThrows(CorruptArtifactException.class, () -> ArtifactFile.read(f));
    assertTrue(e.getMessage().contains("magic"), e.getMessage());
  }

  @Test
  void noPartialFileIsLeftBehind() throws IOException {
    writeSample();
    try (var files = Files.list(dir)) {
      assertEquals(1, files.count());
    }
  }

  @Test
  void aSignedFileReadsOnlyWithItsKeyAndUntouched() throws Exception {
    Path f = writeSample();
    byte[] key =
        "a shared key of at least 32 bytes!".getBytes(java.nio.charset.StandardCharsets.UTF_8);
    byte[] other =
        "another key, also 32 bytes or more".getBytes(java.nio.charset.StandardCharsets.UTF_8);
    var unsigned =
        assertThrows(
            CorruptArtifactException.class,
            () -> ArtifactFile.readSigned(f, "dense-model", 2, key));
    assertTrue(unsigned.getMessage().contains("no signature"), unsigned.getMessage());
    ArtifactFile.sign(f, key);
    assertEquals("dense-model", ArtifactFile.readSigned(f, "dense-model", 2, key).kind());
    var wrongKey =
        assertThrows(
            CorruptArtifactException.class,
            () -> ArtifactFile.readSigned(f, "dense-model", 2, other));
    assertTrue(wrongKey.getMessage().contains("signature mismatch"), wrongKey.getMessage());
    // re-written with a valid checksum but not re-signed: refused
    Files.copy(writeOther(), f, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    assertThrows(
        CorruptArtifactException.class, () -> ArtifactFile.readSigned(f, "dense-model", 2, key));
    assertThrows(IllegalArgumentException.class, () -> ArtifactFile.sign(f, new byte[8]));
  }

  private Path writeOther() throws IOException {
    Path f = dir.resolve("other.mlsd");
    ArtifactFile.write(f, "dense-model", 2, "{}", ByteBuffer.wrap(new byte[] {9, 9, 9}));
    return f;
  }
}
