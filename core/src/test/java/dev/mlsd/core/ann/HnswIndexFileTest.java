package dev.mlsd.core.ann;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mlsd.core.io.Artifact;
import dev.mlsd.core.io.ArtifactFile;
import dev.mlsd.core.io.CorruptArtifactException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HnswIndexFileTest {
  @TempDir Path dir;

  private static HnswIndex sample() {
    float[][] data = AnnTestData.clustered(3000, 20, 15, 0.2, 11L);
    HnswIndex index = new HnswIndex(20, Similarity.COSINE, new HnswBuildParams(12, 80, 5L));
    AnnTestData.addAll(index, data);
    index.delete(17);
    index.delete(2999);
    return index;
  }

  @Test
  void saveAndLoadGiveTheSameIndex() throws IOException {
    HnswIndex index = sample();
    Path f = dir.resolve("index.mlsd");
    index.save(f);
    HnswIndex loaded = HnswIndex.load(f);

    assertEquals(index.size(), loaded.size());
    assertEquals(index.liveCount(), loaded.liveCount());
    assertEquals(index.buildParams(), loaded.buildParams());
    assertEquals(index.similarity(), loaded.similarity());
    assertEquals(index.maxLevel(), loaded.maxLevel());
    for (int id = 0; id < index.size(); id++) {
      assertArrayEquals(index.vector(id), loaded.vector(id));
      assertEquals(index.isDeleted(id), loaded.isDeleted(id));
      for (int l = 0; l <= index.maxLevel(); l++) {
        assertArrayEquals(index.neighbours(id, l), loaded.neighbours(id, l));
      }
    }
    float[][] queries = AnnTestData.clustered(50, 20, 15, 0.2, 12L);
    for (float[] q : queries) {
      assertArrayEquals(
          index.search(q, 10, new SearchParams(40)), loaded.search(q, 10, new SearchParams(40)));
    }
    // a loaded index keeps growing exactly as the original would
    float[] extra = queries[0];
    assertEquals(index.add(extra), loaded.add(extra));
    assertArrayEquals(index.neighbours(3000, 0), loaded.neighbours(3000, 0));
  }

  @Test
  void segmentBoundariesInsideAVectorAndALinkListLoadTheSameIndex() throws IOException {
    // d 7 (28-byte vectors) and m 4 (36-byte layer-0 lists); with segment sizes that are not
    // multiples of 4, a segment boundary falls inside a vector and inside a link list, splitting
    // one float and one int across two mappings (straddles() checks it for each size)
    float[][] data = AnnTestData.clustered(600, 7, 6, 0.3, 21L);
    HnswIndex index = new HnswIndex(7, Similarity.EUCLIDEAN, new HnswBuildParams(4, 30, 3L));
    AnnTestData.addAll(index, data);
    Path f = dir.resolve("segments.mlsd");
    index.save(f);
    int fixed = 40;
    int vectorBytes = 28;
    int linkBytes = 4 * (2 * 4 + 1);
    int linksStart = fixed + vectorBytes * 600;
    for (int segment : new int[] {1001, 4099, 66, 13, 64}) {
      if (segment % 4 != 0) {
        assertTrue(straddles(fixed, vectorBytes, 600, segment), "a vector crosses " + segment);
        assertTrue(straddles(linksStart, linkBytes, 600, segment), "links cross " + segment);
      }
      HnswIndex loaded = HnswIndexFile.read(f, segment, false);
      assertEquals(index.maxLevel(), loaded.maxLevel());
      for (int id = 0; id < index.size(); id++) {
        assertArrayEquals(index.vector(id), loaded.vector(id), "vector " + id);
        for (int l = 0; l <= index.maxLevel(); l++) {
          assertArrayEquals(index.neighbours(id, l), loaded.neighbours(id, l), "node " + id);
        }
      }
      assertArrayEquals(
          index.search(data[5], 10, new SearchParams(40)),
          loaded.search(data[5], 10, new SearchParams(40)));
    }
  }

  /**
   * Whether one of {@code n} records of {@code bytes} each, from payload offset {@code start}, has
   * a multiple of {@code segment} inside it that splits one of its 4-byte values.
   */
  private static boolean straddles(int start, int bytes, int n, int segment) {
    for (int i = 0; i < n; i++) {
      int a = start + i * bytes;
      int b = a + bytes;
      int boundary = (a / segment + 1) * segment;
      if (boundary < b && (boundary - a) % 4 != 0) {
        return true;
      }
    }
    return false;
  }

  @Test
  void emptyIndexRoundTrips() throws IOException {
    Path f = dir.resolve("empty.mlsd");
    new HnswIndex(3, Similarity.EUCLIDEAN, HnswBuildParams.DEFAULT).save(f);
    HnswIndex loaded = HnswIndex.load(f);
    assertEquals(0, loaded.size());
    loaded.add(new float[] {1, 2, 3});
    assertArrayEquals(new int[] {0}, loaded.search(new float[] {1, 2, 3}, 1, new SearchParams(1)));
  }

  @Test
  void flippedByteIsRefused() throws IOException {
    Path f = dir.resolve("index.mlsd");
    sample().save(f);
    byte[] b = Files.readAllBytes(f);
    b[b.length / 2] ^= 0x10;
    Files.write(f, b);
    var e = assertThrows(CorruptArtifactException.class, () -> HnswIndex.load(f));
    assertTrue(e.getMessage().contains("checksum"), e.getMessage());
  }

  @Test
  void truncatedFileIsRefused() throws IOException {
    Path f = dir.resolve("index.mlsd");
    sample().save(f);
    byte[] b = Files.readAllBytes(f);
    Files.write(f, java.util.Arrays.copyOf(b, b.length - 100));
    assertThrows(CorruptArtifactException.class, () -> HnswIndex.load(f));
  }

  @Test
  void inconsistentGraphWithAValidChecksumIsRefused() throws IOException {
    Path f = dir.resolve("index.mlsd");
    HnswIndex index = sample();
    index.save(f);
    Artifact a = ArtifactFile.read(f);
    ByteBuffer p = ByteBuffer.allocate(a.payload().remaining()).order(ByteOrder.LITTLE_ENDIAN);
    p.put(a.payload().duplicate()).flip();
    // point node 0's first layer-0 link past the end, then re-wrap with a fresh checksum
    int links0 = 4 * 4 + 8 + 4 * 4 + 4 * index.size() * index.dimension();
    p.putInt(links0 + 4, index.size() + 5);
    ArtifactFile.write(f, a.kind(), a.kindVersion(), a.header(), p);
    var e = assertThrows(CorruptArtifactException.class, () -> HnswIndex.load(f));
    assertTrue(e.getMessage().contains("links to"), e.getMessage());
  }

  @Test
  void anotherKindIsRefused() throws IOException {
    Path f = dir.resolve("other.mlsd");
    ArtifactFile.write(f, "dense-model", 1, "{}", ByteBuffer.allocate(8));
    assertThrows(CorruptArtifactException.class, () -> HnswIndex.load(f));
  }
}
