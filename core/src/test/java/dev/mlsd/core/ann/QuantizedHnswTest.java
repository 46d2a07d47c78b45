package dev.mlsd.core.ann;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class QuantizedHnswTest {
  private static final HnswBuildParams BUILD = new HnswBuildParams(16, 100, 42L);
  private static final SearchParams EF_128 = new SearchParams(128);

  private static HnswIndex quantized(float[][] data, Similarity s) {
    HnswIndex index = AnnTestData.addAll(new HnswIndex(data[0].length, s, BUILD), data);
    index.quantize();
    return index;
  }

  private static double recall(HnswIndex index, float[][] queries, SearchParams p) {
    return AnnTestData.recall(
        index.newQuantizedSearcher(), index.newExactSearcher(), queries, 10, p, null);
  }

  @ParameterizedTest
  @EnumSource(Similarity.class)
  void recallAfterRescoringIsAtLeast095OnClusteredData(Similarity s) {
    float[][] data = AnnTestData.clustered(6000, 32, 40, 0.15, 1L);
    if (s == Similarity.DOT_PRODUCT) {
      data = AnnTestData.withNormsIn(data, 0.9, 1.1); // see HnswIndex's note on inner product
    }
    float[][] queries = AnnTestData.clustered(200, 32, 40, 0.15, 2L);
    HnswIndex index = quantized(data, s);
    double r = recall(index, queries, EF_128);
    assertTrue(r >= 0.95, s + " quantized recall@10 " + r);
  }

  @Test
  void aDeeperRescoreNeverLosesRecallAndZeroIsRefused() {
    float[][] data = AnnTestData.clustered(4000, 32, 30, 0.15, 15L);
    float[][] queries = AnnTestData.clustered(150, 32, 30, 0.15, 16L);
    HnswIndex index = quantized(data, Similarity.EUCLIDEAN);
    double one = recall(index, queries, new SearchParams(128, 0.05, 1));
    double all = recall(index, queries, new SearchParams(128, 0.05, 13)); // 130 >= ef: all
    assertTrue(all >= one, "rescoring all " + all + ", rescoring k " + one);
    assertTrue(all >= 0.95, "rescoring all " + all);
    assertThrows(IllegalArgumentException.class, () -> new SearchParams(10, 0.05, 0));
  }

  @Test
  void returnedScoresAreTheExactFloatScores() {
    float[][] data = AnnTestData.clustered(2000, 24, 10, 0.2, 3L);
    HnswIndex index = quantized(data, Similarity.EUCLIDEAN);
    float[] q = AnnTestData.clustered(1, 24, 10, 0.2, 4L)[0];
    TopKCollector c = new TopKCollector(10);
    index.newQuantizedSearcher().search(q, EF_128, null, c);
    int[] ids = c.ids();
    float[] scores = c.scores();
    for (int i = 0; i < ids.length; i++) {
      assertEquals(Similarity.EUCLIDEAN.score(q, index.vector(ids[i])), scores[i], 1e-4f);
    }
  }

  @Test
  void codesDecodeWithinHalfAStepOfEveryValue() {
    float[][] data = AnnTestData.uniform(300, 7, 5L);
    float[] flat = new float[300 * 7];
    for (int i = 0; i < 300; i++) {
      System.arraycopy(data[i], 0, flat, i * 7, 7);
    }
    ScalarQuantizer q = ScalarQuantizer.fit(flat, 300, 7);
    byte[] codes = new byte[7];
    for (float[] v : data) {
      q.encode(v, 0, codes, 0);
      for (int i = 0; i < 7; i++) {
        // uniform in [-1, 1): the range is about 2, one step about 2/255
        assertEquals(v[i], q.decode(i, codes[i]), 1.0 / 255 + 1e-6, "dimension " + i);
      }
    }
  }

  @Test
  void approximateScoresMatchTheDecodedVectors() {
    float[][] data = AnnTestData.clustered(500, 19, 5, 0.3, 6L);
    float[] q = AnnTestData.clustered(1, 19, 5, 0.3, 7L)[0];
    for (Similarity s : new Similarity[] {Similarity.EUCLIDEAN, Similarity.DOT_PRODUCT}) {
      HnswIndex index = quantized(data, s);
      QuantizedVectors codes = index.quantized;
      float[] weights = new float[19];
      float constant = codes.quantizer.prepareQuery(q, weights);
      float qn = Similarity.DOT_PRODUCT.score(q, q);
      for (int id = 0; id < data.length; id += 37) {
        float[] decoded = new float[19];
        for (int i = 0; i < 19; i++) {
          decoded[i] = codes.quantizer.decode(i, codes.codes(id)[i]);
        }
        assertEquals(s.score(q, decoded), codes.score(weights, constant, qn, id), 1e-3f, s + "");
      }
    }
  }

  @Test
  void vectorsAddedAfterQuantizingAreFoundAndCodesTakeAQuarter() {
    float[][] data = AnnTestData.clustered(3000, 32, 20, 0.2, 8L);
    HnswIndex index = AnnTestData.addAll(new HnswIndex(32, Similarity.COSINE, BUILD), data);
    index.quantize();
    float[][] more = AnnTestData.clustered(500, 32, 20, 0.2, 9L);
    int first = index.size();
    AnnTestData.addAll(index, more);
    HnswSearcher s = index.newQuantizedSearcher();
    int found = 0;
    for (int i = 0; i < more.length; i += 25) {
      TopKCollector c = new TopKCollector(1);
      s.search(more[i], EF_128, null, c);
      found += c.ids()[0] == first + i ? 1 : 0;
    }
    assertEquals(20, found);
    assertEquals(3500L * 32, index.vectorBytes(true));
    assertEquals(3500L * 32 * 4, index.vectorBytes(false));
  }

  @Test
  void theLinksBesideTheCodesFollowTheGraphThroughAddsAndAConcurrentAddAll() {
    float[][] data = AnnTestData.clustered(2000, 8, 10, 0.2, 11L);
    float[][] more = AnnTestData.clustered(400, 8, 10, 0.2, 12L);
    HnswIndex index =
        AnnTestData.addAll(
            new HnswIndex(8, Similarity.EUCLIDEAN, new HnswBuildParams(4, 32, 1)), data);
    index.quantize();
    assertLinksMirrorTheGraph(index);
    AnnTestData.addAll(index, java.util.Arrays.copyOf(more, 200)); // one by one
    assertLinksMirrorTheGraph(index);
    index.addAll(java.util.Arrays.copyOfRange(more, 200, 400), 2); // two builder threads
    assertLinksMirrorTheGraph(index);
  }

  private static void assertLinksMirrorTheGraph(HnswIndex index) {
    int[] copy = new int[index.graph.m0 + 1];
    for (int id = 0; id < index.size(); id++) {
      index.quantized.links(id, copy);
      org.junit.jupiter.api.Assertions.assertArrayEquals(
          index.neighbours(id, 0), java.util.Arrays.copyOfRange(copy, 1, 1 + copy[0]), "" + id);
    }
  }

  @Test
  void aQuantizedSearcherNeedsQuantizeAndAnEmptyIndexCannotBeQuantized() {
    HnswIndex index = new HnswIndex(4, Similarity.EUCLIDEAN, BUILD);
    assertThrows(IllegalStateException.class, index::quantize);
    index.add(new float[] {1, 2, 3, 4});
    assertThrows(IllegalStateException.class, index::newQuantizedSearcher);
    index.quantize();
    TopKCollector c = new TopKCollector(3);
    index.newQuantizedSearcher().search(new float[] {1, 2, 3, 5}, EF_128, null, c);
    assertEquals(1, c.ids().length);
  }
}
