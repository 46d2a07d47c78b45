package dev.mlsd.core.ann;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class MipsTransformTest {

  @Test
  void appendsTheMissingNormByHand() {
    // items (3, 4) |x|=5 and (0, 1) |x|=1: M^2 = 25
    float[] items = {3, 4, 0, 1};
    MipsTransform t = MipsTransform.fit(items, 2);
    assertEquals(25.0, t.maxSquaredNorm(), 0);
    assertEquals(3, t.indexDimension());
    float[] out = new float[3];
    t.itemInto(items, 0, out);
    assertArrayEquals(new float[] {3, 4, 0}, out);
    t.itemInto(items, 2, out);
    assertArrayEquals(new float[] {0, 1, (float) Math.sqrt(24)}, out, 1e-6f);
    t.queryInto(new float[] {7, 8}, out);
    assertArrayEquals(new float[] {7, 8, 0}, out);
  }

  @Test
  void innerProductsAreUnchangedAndEveryItemHasNormM() {
    float[][] v = AnnTestData.withNormsIn(AnnTestData.uniform(200, 8, 3L), 0.1, 5.0);
    float[] items = flat(v);
    MipsTransform t = MipsTransform.fit(items, 8);
    float[] q = {0.3f, -1, 2, 0.5f, 0, 1, -0.2f, 0.7f};
    float[] qa = new float[9];
    t.queryInto(q, qa);
    float[] x = new float[9];
    for (int i = 0; i < v.length; i++) {
      t.itemInto(items, i * 8, x);
      assertEquals(
          Similarity.DOT_PRODUCT.score(q, v[i]), Similarity.DOT_PRODUCT.score(qa, x), 1e-4f);
      assertEquals(t.maxSquaredNorm(), Similarity.DOT_PRODUCT.score(x, x), 1e-3);
    }
  }

  @Test
  void theExactNearestInL2IsTheMaximumInnerProduct() {
    float[][] v = AnnTestData.withNormsIn(AnnTestData.uniform(300, 6, 5L), 0.1, 10.0);
    float[] items = flat(v);
    MipsTransform t = MipsTransform.fit(items, 6);
    ExactIndex l2 = new ExactIndex(7, Similarity.EUCLIDEAN);
    ExactIndex ip = new ExactIndex(6, Similarity.DOT_PRODUCT);
    float[] x = new float[7];
    for (int i = 0; i < v.length; i++) {
      t.itemInto(items, i * 6, x);
      l2.add(x);
      ip.add(v[i]);
    }
    float[][] queries = AnnTestData.uniform(50, 6, 11L);
    float[] qa = new float[7];
    for (float[] q : queries) {
      t.queryInto(q, qa);
      assertArrayEquals(ip.search(q, 5, null), l2.search(qa, 5, null));
    }
  }

  @Test
  void hnswOverTheTransformFindsTheMaximumInnerProducts() {
    float[][] v = AnnTestData.withNormsIn(AnnTestData.clustered(3000, 16, 20, 0.3, 1L), 0.2, 8.0);
    float[] items = flat(v);
    MipsTransform t = MipsTransform.fit(items, 16);
    HnswIndex index = t.buildHnsw(items, new HnswBuildParams(16, 100, 42L));
    float[][] queries = AnnTestData.uniform(100, 16, 2L);
    float[][] augmented = new float[queries.length][17];
    for (int i = 0; i < queries.length; i++) {
      t.queryInto(queries[i], augmented[i]);
    }
    double r =
        RecallAgainstExact.recall(
            index.newSearcher(),
            index.newExactSearcher(),
            augmented,
            10,
            new SearchParams(64),
            null);
    assertTrue(r >= 0.95, "MIPS recall@10 " + r);
  }

  @Test
  void badInputIsRefused() {
    assertThrows(IllegalArgumentException.class, () -> MipsTransform.fit(new float[3], 2));
    assertThrows(IllegalArgumentException.class, () -> MipsTransform.fit(new float[2], 0));
    assertThrows(
        IllegalArgumentException.class, () -> MipsTransform.fit(new float[] {1, Float.NaN}, 2));
  }

  private static float[] flat(float[][] v) {
    float[] out = new float[v.length * v[0].length];
    for (int i = 0; i < v.length; i++) {
      System.arraycopy(v[i], 0, out, i * v[i].length, v[i].length);
    }
    return out;
  }
}
