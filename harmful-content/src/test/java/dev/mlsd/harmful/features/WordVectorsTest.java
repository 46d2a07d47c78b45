package dev.mlsd.harmful.features;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The word-vector table: exact lookup, and reading the npm package's tarball and JSON. */
class WordVectorsTest {
  /** The package's shape: dimensions, then each word's floats, its L2 norm and its index. */
  static final String JSON =
      "{\"precision\":8,\"l2NormIndex\":2,\"wordIndex\":3,\"size\":3,\"dimensions\":2,"
          + "\"words\":[\"the\",\"hate\",\"dont\"],"
          + "\"vectors\":{\"the\":[0.5,-1,1.118,0],\"hate\":[2,3.25,3.816,1],"
          + "\"dont\":[-0.75,0,0.75,2]},"
          + "\"unkVector\":[0,0,-1]}";

  @Test
  void findsEveryWordExactlyAndNothingElse() {
    List<String> words = new ArrayList<>();
    for (int i = 0; i < 5000; i++) {
      words.add("w" + i);
    }
    WordVectors t = WordVectors.of(words, new float[5000], 1);
    for (int i = 0; i < 5000; i++) {
      assertEquals(i, t.row("w" + i));
    }
    assertEquals(-1, t.row("w"));
    assertEquals(-1, t.row("w50000"));
    assertEquals(-1, t.row("x1"));
    char[] text = "say w42 now".toCharArray();
    assertEquals(42, t.row(text, 4, 7), "a word inside a longer text");
  }

  @Test
  void refusesARepeatedOrEmptyWordAndAShortTable() {
    assertThrows(
        IllegalArgumentException.class, () -> WordVectors.of(List.of("a", "a"), new float[2], 1));
    assertThrows(
        IllegalArgumentException.class, () -> WordVectors.of(List.of(""), new float[1], 1));
    assertThrows(
        IllegalArgumentException.class, () -> WordVectors.of(List.of("a"), new float[1], 2));
  }

  @Test
  void readsThePackagesJsonSkippingNormAndIndex() throws IOException {
    WordVectors t = WordVectors.readJson(stream(JSON));
    assertEquals(3, t.size());
    assertEquals(2, t.dimensions());
    assertEquals(1, t.row("hate"));
    assertArrayEquals(new float[] {2f, 3.25f}, new float[] {t.get(1, 0), t.get(1, 1)});
    assertArrayEquals(new float[] {-0.75f, 0f}, new float[] {t.get(2, 0), t.get(2, 1)});
  }

  @Test
  void refusesJsonOfAnotherShape() {
    assertThrows(
        IOException.class,
        () -> WordVectors.readJson(stream("{\"dimensions\":3,\"vectors\":{\"a\":[1,2]}}")),
        "too few values");
    assertThrows(
        IOException.class,
        () -> WordVectors.readJson(stream("{\"vectors\":{\"a\":[1,2]},\"dimensions\":2}")),
        "vectors before dimensions");
    assertThrows(IOException.class, () -> WordVectors.readJson(stream("{\"dimensions\":2}")));
    assertThrows(IOException.class, () -> WordVectors.readJson(stream("[1]")));
  }

  @Test
  void readsTheJsonInsideAnNpmTarball(@TempDir Path dir) throws IOException {
    Path tgz = dir.resolve("pkg.tgz");
    writeTarball(tgz, "package/README.md", "readme", WordVectors.ENTRY, JSON);
    WordVectors t = WordVectors.readNpmTarball(tgz);
    assertEquals(3, t.size());
    assertEquals(0.5f, t.get(t.row("the"), 0));

    Path other = dir.resolve("other.tgz");
    writeTarball(other, "package/README.md", "readme");
    IOException e = assertThrows(IOException.class, () -> WordVectors.readNpmTarball(other));
    assertTrue(e.getMessage().contains(WordVectors.ENTRY), e.getMessage());
  }

  static void writeTarball(Path tgz, String... namesAndTexts) throws IOException {
    try (OutputStream file = Files.newOutputStream(tgz);
        TarArchiveOutputStream tar = new TarArchiveOutputStream(new GZIPOutputStream(file))) {
      for (int i = 0; i < namesAndTexts.length; i += 2) {
        byte[] bytes = namesAndTexts[i + 1].getBytes(StandardCharsets.UTF_8);
        TarArchiveEntry e = new TarArchiveEntry(namesAndTexts[i]);
        e.setSize(bytes.length);
        tar.putArchiveEntry(e);
        tar.write(bytes);
        tar.closeArchiveEntry();
      }
    }
  }

  private static ByteArrayInputStream stream(String s) {
    return new ByteArrayInputStream(s.getBytes(StandardCharsets.UTF_8));
  }
}
