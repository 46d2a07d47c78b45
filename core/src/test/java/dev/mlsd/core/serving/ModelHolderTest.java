package dev.mlsd.core.serving;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mlsd.core.io.ArtifactFile;
import dev.mlsd.core.io.CorruptArtifactException;
import dev.mlsd.core.io.ModelCard;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelHolderTest {
  @TempDir Path dir;

  static ModelCard card(String version) {
    return new ModelCard(
        "linear",
        version,
        "toy",
        "00ff",
        "none",
        7L,
        Map.of("l2", "0.1"),
        Map.of("auc", 0.75),
        12L,
        ModelCard.currentCodeVersion());
  }

  static ByteBuffer weights(float... w) {
    ByteBuffer b = ByteBuffer.allocate(4 * w.length).order(ByteOrder.LITTLE_ENDIAN);
    for (float x : w) {
      b.putFloat(x);
    }
    return b.flip();
  }

  static final ModelDecoder<float[]> DECODER =
      a -> {
        if (a.payload().remaining() % 4 != 0) {
          throw new IOException("payload is not whole floats");
        }
        float[] w = new float[a.payload().remaining() / 4];
        a.payload().asFloatBuffer().get(w);
        return w;
      };

  @Test
  void savedModelLoadsWithItsCard() throws IOException {
    Path f = dir.resolve("m.mlsd");
    ModelHolder.save(f, "linear", 1, card("v1"), weights(1f, 2f));
    ModelHolder<float[]> h = ModelHolder.load(f, "linear", 1, DECODER);
    assertEquals("v1", h.version());
    assertEquals(2f, h.current()[1]);
    assertEquals(card("v1"), h.served().card());
  }

  @Test
  void corruptTruncatedOrCardlessFilesAreRefusedAndTheServedModelStays() throws IOException {
    Path f = dir.resolve("m.mlsd");
    ModelHolder.save(f, "linear", 1, card("v1"), weights(1f, 2f));
    ModelHolder<float[]> h = ModelHolder.load(f, "linear", 1, DECODER);
    byte[] good = Files.readAllBytes(f);

    Path truncated = dir.resolve("t.mlsd");
    Files.write(truncated, Arrays.copyOf(good, good.length - 3));
    assertThrows(CorruptArtifactException.class, () -> h.swapFrom(truncated, "linear", 1, DECODER));

    Path flipped = dir.resolve("f.mlsd");
    byte[] bad = good.clone();
    bad[bad.length - 10] ^= 1;
    Files.write(flipped, bad);
    var e =
        assertThrows(
            CorruptArtifactException.class, () -> h.swapFrom(flipped, "linear", 1, DECODER));
    assertTrue(e.getMessage().contains("checksum"), e.getMessage());

    Path cardless = dir.resolve("c.mlsd");
    ArtifactFile.write(cardless, "linear", 1, "{}", weights(1f));
    assertThrows(CorruptArtifactException.class, () -> h.swapFrom(cardless, "linear", 1, DECODER));

    Path wrongKind = dir.resolve("k.mlsd");
    ModelHolder.save(wrongKind, "tree", 1, card("v9"), weights(1f));
    assertThrows(CorruptArtifactException.class, () -> h.swapFrom(wrongKind, "linear", 1, DECODER));

    assertEquals("v1", h.version());
    assertEquals(0, h.swapCount());
  }

  @Test
  void swapPublishesTheNewModelAndReturnsTheOld() throws IOException {
    ModelHolder<float[]> h = new ModelHolder<>(new float[] {1f}, card("v1"));
    float[] old = h.current();
    Path f = dir.resolve("v2.mlsd");
    ModelHolder.save(f, "linear", 1, card("v2"), weights(5f));
    ModelHolder.Served<float[]> replaced = h.swapFrom(f, "linear", 1, DECODER);
    assertSame(old, replaced.model());
    assertEquals("v2", h.version());
    assertEquals(5f, h.current()[0]);
    assertEquals(1, h.swapCount());
    assertThrows(IllegalArgumentException.class, () -> h.swap(null, card("v3")));
    assertThrows(
        IllegalArgumentException.class, () -> ModelHolder.save(f, "x", 1, null, weights()));
  }
}
