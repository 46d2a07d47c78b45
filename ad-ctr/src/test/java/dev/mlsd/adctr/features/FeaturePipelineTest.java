package dev.mlsd.adctr.features;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mlsd.adctr.data.CriteoReader;
import dev.mlsd.adctr.data.Impression;
import org.junit.jupiter.api.Test;

class FeaturePipelineTest {
  static final FeaturePipeline P =
      new FeaturePipeline(CriteoReader.SCHEMA, new FeaturePipeline.Params(64, 128, 48, 16));

  static Impression impression(float i1, String c1) {
    float[] num = new float[13];
    java.util.Arrays.fill(num, Float.NaN);
    num[0] = i1;
    String[] cat = new String[26];
    java.util.Arrays.fill(cat, "v");
    cat[0] = c1;
    return new Impression(false, 0, num, cat);
  }

  @Test
  void logBucketsByHand() {
    LogBucketizer b = new LogBucketizer(48);
    assertEquals(0, b.bucket(Float.NaN));
    assertEquals(1, b.bucket(-2f));
    assertEquals(2, b.bucket(0f)); // 2 + floor(2 * log2(1))
    assertEquals(4, b.bucket(1f)); // 2 + floor(2 * log2(2)) = 4
    assertEquals(8, b.bucket(7f)); // 2 + floor(2 * 3) = 8
    assertEquals(47, b.bucket(1e30f)); // capped
    assertEquals(-1f, LogBucketizer.logValue(Float.NaN));
    assertEquals((float) Math.log(8), LogBucketizer.logValue(7f), 1e-6);
  }

  @Test
  void everyFieldGetsOneIdInsideItsOwnRange() {
    int[] ids = new int[P.fieldCount()];
    P.encode(impression(7f, "abc"), new float[] {0.1f, Float.NaN, 0.3f, 0.2f}, ids);
    assertEquals(13 + 26 + 4, P.fieldCount());
    for (int f = 0; f < ids.length; f++) {
      assertEquals(f, P.fieldOf(ids[f]), "field " + f);
    }
    assertEquals(P.fieldOf(ids[0]), 0);
    // I1 = 7 -> bucket 8 of field 0; I2 missing -> bucket 0 of field 1 (offset 48)
    assertEquals(8, ids[0]);
    assertEquals(48, ids[1]);
    // the second historical CTR is missing -> that field's bucket 0
    int ctrAllField = 13 + 26 + 1;
    assertEquals(0, ids[ctrAllField] - (13 * 48 + 26 * 64 + 16));
  }

  @Test
  void hashingIsDeterministicPerFieldAndMissingIsZero() {
    HashedField a = new HashedField(0, 64);
    HashedField b = new HashedField(1, 64);
    assertEquals(a.bucket("x"), new HashedField(0, 64).bucket("x"));
    assertEquals(0, a.bucket(""));
    assertEquals(0, a.bucket(null));
    assertTrue(a.bucket("x") >= 1 && a.bucket("x") < 64);
    int differ = 0;
    for (int i = 0; i < 100; i++) {
      if (a.bucket("v" + i) != b.bucket("v" + i)) {
        differ++;
      }
    }
    assertTrue(differ > 80, "fields should hash the same value to different places: " + differ);
    assertThrows(IllegalArgumentException.class, () -> new HashedField(0, 1));
  }

  @Test
  void crossesAndLinearIdsFollowTheFieldIds() {
    int[] ids = new int[P.fieldCount()];
    int[] lin = new int[P.linearWidth()];
    P.encode(impression(1f, "abc"), new float[4], ids);
    P.linearIds(ids, lin);
    assertEquals(P.fieldCount() + CriteoReader.SCHEMA.crosses().size(), lin.length);
    for (int i = 0; i < P.fieldCount(); i++) {
      assertEquals(ids[i], lin[i]);
    }
    for (int i = P.fieldCount(); i < lin.length; i++) {
      assertTrue(lin[i] >= P.featureCount() && lin[i] < P.linearFeatureCount());
    }
    int[] ids2 = new int[P.fieldCount()];
    int[] lin2 = new int[P.linearWidth()];
    P.encode(impression(1f, "other"), new float[4], ids2);
    P.linearIds(ids2, lin2);
    // C1 takes part in the first cross: a different C1 changes it
    assertNotEquals(lin[P.fieldCount()], lin2[P.fieldCount()]);
  }

  @Test
  void encodeIsExactlyRequestPlusAdPlusBatch() {
    Impression imp = impression(3f, "adv");
    float[] batch = {0.2f, 0.25f, Float.NaN, 0.1f};
    int[] whole = new int[P.fieldCount()];
    P.encode(imp, batch, whole);
    int[] parts = new int[P.fieldCount()];
    int[] ad = new int[P.fieldCount()];
    P.encodeAd(imp.categorical(), ad);
    P.encodeRequest(imp.numeric(), imp.categorical(), parts);
    P.copyAd(ad, parts, 0);
    P.encodeBatch(batch, 0, parts, 0);
    assertArrayEquals(whole, parts);
  }

  @Test
  void wrongWidthsAreRefused() {
    int[] ids = new int[P.fieldCount()];
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> P.encodeRequest(new float[3], new String[26], ids));
    assertTrue(e.getMessage().contains("numeric fields: expected 13, got 3"));
    assertThrows(IllegalArgumentException.class, () -> P.encodeAd(new String[5], ids));
    assertThrows(IllegalArgumentException.class, () -> P.fieldOf(-1));
  }

  @Test
  void historicalCtrUsesOnlyThePast() {
    Impression click = new Impression(true, 0, new float[13], cats("a1", "adv1"));
    Impression miss = new Impression(false, 1, new float[13], cats("a1", "adv1"));
    Impression other = new Impression(false, 2, new float[13], cats("a2", "adv1"));
    HistoricalCtr h = new HistoricalCtr(CriteoReader.SCHEMA, 2, 0);
    float[][] v = h.sequential(java.util.List.of(click, miss, other, miss));
    assertTrue(Float.isNaN(v[0][0]) && Float.isNaN(v[0][3]), "no history before the first row");
    assertEquals(1f, v[1][1]); // ad a1: 1 click of 1
    assertEquals(0.5f, v[2][3]); // advertiser adv1: 1 of 2
    assertTrue(Float.isNaN(v[2][0])); // ad a2 never seen
    // row 3: window of 2 holds rows 1 and 2; ad a1 recent = 0 of 1, all = 1 of 2
    assertEquals(0f, v[3][0]);
    assertEquals(0.5f, v[3][1]);
    HistoricalCtr.Snapshot s = h.materialise(java.util.List.of(click, miss, other, miss));
    float[] out = new float[4];
    s.values(h.adKey(click.categorical()), h.advertiserKey(click.categorical()), out);
    assertEquals(1f / 3, out[1], 1e-6);
    assertEquals(0.25f, out[3], 1e-6);
  }

  static String[] cats(String ad, String advertiser) {
    String[] c = new String[26];
    java.util.Arrays.fill(c, "r");
    c[0] = advertiser;
    c[1] = ad;
    c[2] = "x";
    c[3] = "y";
    return c;
  }
}
