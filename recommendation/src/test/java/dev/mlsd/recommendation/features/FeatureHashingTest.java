package dev.mlsd.recommendation.features;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class FeatureHashingTest {

  /**
   * The function as it was first written (over {@code getBytes(UTF_8)}): the buckets must not move.
   */
  static int original(String token, int buckets) {
    byte[] b = token.getBytes(StandardCharsets.UTF_8);
    int h = 0x9747b28c;
    for (byte x : b) {
      h ^= x & 0xff;
      h *= 0x5bd1e995;
      h ^= h >>> 15;
    }
    h ^= h >>> 13;
    h *= 0xc2b2ae35;
    h ^= h >>> 16;
    return Math.floorMod(h, buckets);
  }

  @Test
  void bucketsAreExactlyTheOriginalFunctions() {
    SplittableRandom r = new SplittableRandom(5);
    String[] fixed = {"", "a", "toy story", "sci-fi", "amélie", "東京", "😀 emoji", "\ud800 lone"};
    for (String s : fixed) {
      assertEquals(original(s, 1000), FeatureHashing.bucket(s, 1000), s);
    }
    for (int t = 0; t < 3000; t++) {
      StringBuilder sb = new StringBuilder();
      for (int i = r.nextInt(10); i > 0; i--) {
        int kind = r.nextInt(4);
        if (kind == 0) {
          sb.append((char) (' ' + r.nextInt(95)));
        } else if (kind == 1) {
          sb.append((char) (0x80 + r.nextInt(0xd000)));
        } else if (kind == 2) {
          sb.appendCodePoint(0x10000 + r.nextInt(0xfffff));
        } else {
          sb.append((char) (0xd800 + r.nextInt(0x800)));
        }
      }
      String s = sb.toString();
      int buckets = 1 + r.nextInt(5000);
      assertEquals(original(s, buckets), FeatureHashing.bucket(s, buckets), s);
    }
  }

  @Test
  void bucketsAreInRangeAndBadCountsRefused() {
    for (int i = 0; i < 1000; i++) {
      int b = FeatureHashing.bucket("tag" + i, 7);
      assertTrue(b >= 0 && b < 7);
    }
    assertEquals(0, FeatureHashing.bucket("anything", 1));
    assertThrows(IllegalArgumentException.class, () -> FeatureHashing.bucket("x", 0));
  }
}
