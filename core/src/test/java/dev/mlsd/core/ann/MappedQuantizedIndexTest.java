package dev.mlsd.core.ann;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mlsd.core.io.Artifact;
import dev.mlsd.core.io.ArtifactFile;
import dev.mlsd.core.io.CorruptArtifactException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** {@link HnswIndex#loadQuantized}: int8 codes on the heap, the float vectors in the file. */
class MappedQuantizedIndexTest {
  private static final HnswBuildParams BUILD = new HnswBuildParams(16, 100, 42L);
  private static final SearchParams EF_128 = new SearchParams(128);

  @TempDir Path dir;

  private static float[][] data(Similarity s, int n, long seed) {
    float[][] data = AnnTestData.clustered(n, 32, 40, 0.15, seed);
    return s == Similarity.DOT_PRODUCT ? AnnTestData.withNormsIn(data, 0.9, 1.1) : data;
  }

  private HnswIndex saved(HnswIndex index) throws IOException {
    Path f = dir.resolve("index-" + System.nanoTime() + ".mlsd");
    index.save(f);
    return HnswIndex.loadQuantized(f);
  }

  @ParameterizedTest
  @EnumSource(Similarity.class)
  void searchesAsTheHeapQuantizedIndexDoesWithRecallAbove095(Similarity s) throws IOException {
    HnswIndex heap = AnnTestData.addAll(new HnswIndex(32, s, BUILD), data(s, 6000, 1L));
    HnswIndex mapped = saved(heap);
    heap.quantize();
    assertTrue(mapped.isMapped() && mapped.isQuantized());
    float[][] queries = data(s, 200, 2L);
    HnswSearcher a = heap.newQuantizedSearcher();
    HnswSearcher b = mapped.newQuantizedSearcher();
    for (float[] q : queries) {
      TopKCollector ca = new TopKCollector(10);
      TopKCollector cb = new TopKCollector(10);
      a.search(q, EF_128, null, ca);
      b.search(q, EF_128, null, cb);
      // the same codes walk the same graph; the re-score reads the same floats from the file
      assertArrayEquals(ca.ids(), cb.ids(), s + "");
      assertArrayEquals(ca.scores(), cb.scores(), 1e-5f, s + "");
    }
    double r = AnnTestData.recall(b, mapped.newExactSearcher(), queries, 10, EF_128, null);
    assertTrue(r >= 0.95, s + " recall@10 from the mapped index " + r);
    // newSearcher is the quantized searcher: the floats are not there to walk the graph on
    TopKCollector first = new TopKCollector(10);
    a.search(queries[0], EF_128, null, first);
    assertArrayEquals(first.ids(), mapped.search(queries[0], 10, EF_128));
  }

  @Test
  void theHeapHoldsTheCodesOnlyUnder30PercentOfTheFloats() throws IOException {
    HnswIndex heap =
        AnnTestData.addAll(
            new HnswIndex(32, Similarity.EUCLIDEAN, BUILD, 3000),
            data(Similarity.EUCLIDEAN, 3000, 3L));
    HnswIndex mapped = saved(heap);
    long floats = 4L * 3000 * 32;
    assertEquals(floats, heap.heapVectorBytes());
    assertEquals(3000L * (32 + 4), mapped.heapVectorBytes()); // codes and one norm per vector
    assertTrue(mapped.heapVectorBytes() <= 0.30 * floats);
    assertEquals(floats, mapped.vectorBytes(false));
    assertTrue(mapped.ramBytesUsed() < heap.ramBytesUsed() - floats / 2);
    for (int id = 0; id < 3000; id += 97) {
      assertArrayEquals(heap.vector(id), mapped.vector(id)); // read back from the file
    }
  }

  @Test
  void isReadOnlyButDeletesAndFiltersWork() throws IOException {
    float[][] data = data(Similarity.COSINE, 3000, 4L);
    HnswIndex heap = AnnTestData.addAll(new HnswIndex(32, Similarity.COSINE, BUILD), data);
    HnswIndex mapped = saved(heap);
    heap.quantize();
    var e = assertThrows(IllegalStateException.class, () -> mapped.add(data[0]));
    assertTrue(e.getMessage().contains("loadQuantized"), e.getMessage());
    assertThrows(IllegalStateException.class, () -> mapped.addAll(new float[][] {data[0]}, 2));
    assertEquals(3000, mapped.size());

    assertTrue(mapped.delete(7));
    heap.delete(7);
    TopKCollector c = new TopKCollector(1);
    mapped.newSearcher().search(data[7], EF_128, null, c);
    assertFalse(c.ids()[0] == 7);
    // a filter passing 1% of the ids: the exact fallback scans the mapped floats
    java.util.function.IntPredicate rare = id -> id % 100 == 3;
    for (int i = 0; i < 20; i++) {
      TopKCollector ch = new TopKCollector(5);
      TopKCollector cm = new TopKCollector(5);
      heap.newQuantizedSearcher().search(data[i * 50], EF_128, rare, ch);
      mapped.newSearcher().search(data[i * 50], EF_128, rare, cm);
      assertArrayEquals(ch.ids(), cm.ids());
      assertArrayEquals(ch.scores(), cm.scores(), 1e-5f);
    }
  }

  @Test
  void aMappedIndexSavesTheSameFile() throws IOException {
    HnswIndex heap =
        AnnTestData.addAll(
            new HnswIndex(32, Similarity.DOT_PRODUCT, BUILD),
            data(Similarity.DOT_PRODUCT, 1000, 5L));
    HnswIndex mapped = saved(heap);
    Path again = dir.resolve("again.mlsd");
    mapped.save(again);
    HnswIndex reloaded = HnswIndex.load(again);
    for (int id = 0; id < 1000; id++) {
      assertArrayEquals(heap.vector(id), reloaded.vector(id));
      assertArrayEquals(heap.neighbours(id, 0), reloaded.neighbours(id, 0));
    }
  }

  @Test
  void anEmptyIndexLoadsAndANonFiniteVectorIsRefused() throws IOException {
    Path empty = dir.resolve("empty.mlsd");
    new HnswIndex(3, Similarity.EUCLIDEAN, BUILD).save(empty);
    HnswIndex none = HnswIndex.loadQuantized(empty);
    assertEquals(0, none.size());
    assertEquals(0, none.search(new float[] {1, 2, 3}, 5, EF_128).length);

    Path f = dir.resolve("nan.mlsd");
    AnnTestData.addAll(
            new HnswIndex(32, Similarity.EUCLIDEAN, BUILD), data(Similarity.EUCLIDEAN, 200, 6L))
        .save(f);
    Artifact a = ArtifactFile.read(f);
    ByteBuffer p = ByteBuffer.allocate(a.payload().remaining()).order(ByteOrder.LITTLE_ENDIAN);
    p.put(a.payload().duplicate()).flip();
    p.putFloat(4 * 4 + 8 + 4 * 4 + 4 * (32 * 150 + 9), Float.NaN); // vector 150, value 9
    ArtifactFile.write(f, a.kind(), a.kindVersion(), a.header(), p);
    var e = assertThrows(CorruptArtifactException.class, () -> HnswIndex.loadQuantized(f));
    assertTrue(e.getMessage().contains("vector 150"), e.getMessage());
  }

  @Test
  void segmentBoundariesDoNotMatterToTheMappedVectors() throws IOException {
    float[][] data = AnnTestData.clustered(600, 7, 6, 0.3, 21L);
    HnswIndex index = new HnswIndex(7, Similarity.EUCLIDEAN, new HnswBuildParams(4, 30, 3L));
    AnnTestData.addAll(index, data);
    Path f = dir.resolve("segments.mlsd");
    index.save(f);
    for (int segment : new int[] {13, 66, 4099}) {
      HnswIndex loaded = HnswIndexFile.read(f, segment, true);
      for (int id = 0; id < 600; id++) {
        assertArrayEquals(index.vector(id), loaded.vector(id), "vector " + id);
      }
    }
  }
}
