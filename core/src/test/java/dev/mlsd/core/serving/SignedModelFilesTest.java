package dev.mlsd.core.serving;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mlsd.core.io.ArtifactFile;
import dev.mlsd.core.io.CorruptArtifactException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The signed mode of {@link ModelHolder}: a holder that requires signatures loads and swaps in only
 * model files signed with its key; an unsigned file, a tampered one (with a valid checksum) and one
 * signed with another key are refused, and the served model stays as it was.
 */
class SignedModelFilesTest {
  private static final byte[] KEY =
      "a shared secret of at least 32 bytes, for tests".getBytes(StandardCharsets.UTF_8);
  private static final byte[] OTHER_KEY =
      "another secret, also at least 32 bytes long....".getBytes(StandardCharsets.UTF_8);

  @TempDir Path dir;

  private Path saved(String name, String version, float... w) throws IOException {
    Path f = dir.resolve(name);
    ModelHolder.save(f, "linear", 1, ModelHolderTest.card(version), ModelHolderTest.weights(w));
    return f;
  }

  @Test
  void aSignedFileLoadsAndTheHolderThenRequiresSignatures() throws IOException {
    Path f = saved("m.mlsd", "v1", 1f, 2f);
    ArtifactFile.sign(f, KEY);
    ModelHolder<float[]> h = ModelHolder.loadSigned(f, "linear", 1, ModelHolderTest.DECODER, KEY);
    assertEquals("v1", h.version());
    assertArrayEquals(new float[] {1f, 2f}, h.current());
    assertTrue(h.requiresSignatures());

    Path next = saved("next.mlsd", "v2", 3f, 4f);
    ArtifactFile.sign(next, KEY);
    h.swapFrom(next, "linear", 1, ModelHolderTest.DECODER);
    assertEquals("v2", h.version());
  }

  @Test
  void anUnsignedFileIsRefusedWhenSignaturesAreRequired() throws IOException {
    Path signed = saved("m.mlsd", "v1", 1f, 2f);
    ArtifactFile.sign(signed, KEY);
    ModelHolder<float[]> h =
        ModelHolder.loadSigned(signed, "linear", 1, ModelHolderTest.DECODER, KEY);
    Path unsigned = saved("unsigned.mlsd", "v2", 3f, 4f);

    CorruptArtifactException e =
        assertThrows(
            CorruptArtifactException.class,
            () -> h.swapFrom(unsigned, "linear", 1, ModelHolderTest.DECODER));
    assertTrue(e.getMessage().contains("no signature"), e.getMessage());
    assertThrows(
        CorruptArtifactException.class,
        () -> ModelHolder.loadSigned(unsigned, "linear", 1, ModelHolderTest.DECODER, KEY));
    assertEquals("v1", h.version());
    assertEquals(0, h.swapCount());
  }

  @Test
  void aFileChangedAfterSigningIsRefusedThoughItsChecksumIsValid() throws IOException {
    Path f = saved("m.mlsd", "v1", 1f, 2f);
    ArtifactFile.sign(f, KEY);
    // replace it by another well-formed model file (valid CRC32C), keeping the old signature
    Path forged = saved("forged.mlsd", "v1", 100f, 200f);
    Files.copy(forged, f, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    ModelHolder.load(f, "linear", 1, ModelHolderTest.DECODER); // the checksum alone accepts it

    CorruptArtifactException e =
        assertThrows(
            CorruptArtifactException.class,
            () -> ModelHolder.loadSigned(f, "linear", 1, ModelHolderTest.DECODER, KEY));
    assertTrue(e.getMessage().contains("signature mismatch"), e.getMessage());
  }

  @Test
  void aFileSignedWithAnotherKeyIsRefusedAndTheServedModelStays() throws IOException {
    Path f = saved("m.mlsd", "v1", 1f, 2f);
    ArtifactFile.sign(f, KEY);
    ModelHolder<float[]> h = ModelHolder.loadSigned(f, "linear", 1, ModelHolderTest.DECODER, KEY);
    Path other = saved("other.mlsd", "v2", 3f, 4f);
    ArtifactFile.sign(other, OTHER_KEY);

    assertThrows(
        CorruptArtifactException.class,
        () -> h.swapFrom(other, "linear", 1, ModelHolderTest.DECODER));
    assertEquals("v1", h.version());
    assertArrayEquals(new float[] {1f, 2f}, h.current());
  }

  @Test
  void withoutTheOptionUnsignedFilesSwapAsBefore() throws IOException {
    ModelHolder<float[]> h =
        ModelHolder.load(saved("m.mlsd", "v1", 1f), "linear", 1, ModelHolderTest.DECODER);
    assertFalse(h.requiresSignatures());
    h.swapFrom(saved("n.mlsd", "v2", 2f), "linear", 1, ModelHolderTest.DECODER);
    assertEquals("v2", h.version());
    assertThrows(IllegalArgumentException.class, () -> h.requireSignatures(new byte[8]));
  }
}
