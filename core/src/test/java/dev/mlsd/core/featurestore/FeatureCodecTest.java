package dev.mlsd.core.featurestore;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class FeatureCodecTest {
  @Test
  void layoutIsVersionDimThenLittleEndianFloats() {
    byte[] b = FeatureCodec.encode(new float[] {9f, 1.0f, -2.5f}, 1, 2);
    // 1.0f = 0x3F800000, -2.5f = 0xC0200000, little-endian
    assertArrayEquals(new byte[] {1, 2, 0, 0, 0, (byte) 0x80, 0x3F, 0, 0, 0x20, (byte) 0xC0}, b);
    float[] out = new float[3];
    assertTrue(FeatureCodec.decode(b, 2, out, 1));
    assertArrayEquals(new float[] {0f, 1.0f, -2.5f}, out);
  }

  @Test
  void roundTripsFiniteEdgeValuesBitForBit() {
    float[] v = {-0f, Float.MIN_VALUE, Float.MAX_VALUE, -Float.MAX_VALUE};
    float[] out = new float[v.length];
    assertTrue(FeatureCodec.decode(FeatureCodec.encode(v, 0, v.length), v.length, out, 0));
    for (int i = 0; i < v.length; i++) {
      assertEquals(Float.floatToRawIntBits(v[i]), Float.floatToRawIntBits(out[i]));
    }
  }

  @Test
  void nanAndInfinitiesAreNeitherWrittenNorRead() {
    for (float bad : new float[] {Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY}) {
      assertThrows(
          IllegalArgumentException.class, () -> FeatureCodec.encode(new float[] {1, bad}, 0, 2));
      // a stored row poisoned by another writer: refused, nothing written
      byte[] b = FeatureCodec.encode(new float[] {1, 2}, 0, 2);
      int bits = Float.floatToRawIntBits(bad);
      for (int k = 0; k < 4; k++) {
        b[FeatureCodec.HEADER_BYTES + 4 + k] = (byte) (bits >>> (8 * k));
      }
      float[] out = {9, 9};
      assertFalse(FeatureCodec.decode(b, 2, out, 0));
      assertArrayEquals(new float[] {9, 9}, out);
    }
  }

  @Test
  void nanIsAcceptedOnlyWhereTheSchemaDeclaresItTheMissingValue() {
    FeatureSchema ctr =
        new FeatureSchema("ad", 1, java.util.List.of("ctr", "bid"), new float[] {Float.NaN, 0f});
    float[] out = new float[2];
    byte[] noHistory = FeatureCodec.encode(ctr, new float[] {Float.NaN, 2f}, 0);
    assertTrue(FeatureCodec.decode(noHistory, ctr, out, 0));
    assertTrue(Float.isNaN(out[0]));
    assertThrows(
        IllegalArgumentException.class,
        () -> FeatureCodec.encode(ctr, new float[] {0.1f, Float.NaN}, 0));
    assertThrows(
        IllegalArgumentException.class,
        () -> FeatureCodec.encode(ctr, new float[] {Float.POSITIVE_INFINITY, 1f}, 0));
    assertFalse(FeatureCodec.decode(noHistory, 2, out, 0), "the schema-less decode is strict");
  }

  @Test
  void otherVersionOrLengthIsRefusedWithoutWriting() {
    byte[] b = FeatureCodec.encode(new float[] {1, 2, 3}, 0, 3);
    float[] out = new float[3];
    assertFalse(FeatureCodec.decode(b, 2, out, 0));
    byte[] v2 = b.clone();
    v2[0] = 2;
    assertFalse(FeatureCodec.decode(v2, 3, out, 0));
    assertFalse(FeatureCodec.decode(Arrays.copyOf(b, b.length - 1), 3, out, 0));
    byte[] wrongDim = b.clone();
    wrongDim[1] = 4;
    assertFalse(FeatureCodec.decode(wrongDim, 3, out, 0));
    assertArrayEquals(new float[3], out);
    assertThrows(IllegalArgumentException.class, () -> FeatureCodec.encode(new float[1], 0, 0));
  }
}
