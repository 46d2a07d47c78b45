package dev.mlsd.recommendation.features;

import java.nio.charset.StandardCharsets;

/**
 * The hashing trick for bags of words: a token goes to bucket {@code murmur3(token) mod buckets}.
 * Deterministic across JVMs (not {@link String#hashCode()} alone, whose low bits are poor).
 *
 * <p>Thread safety: stateless.
 */
public final class FeatureHashing {
  private FeatureHashing() {}

  /**
   * @param token the token
   * @param buckets the number of buckets, at least 1
   * @return a bucket in {@code [0, buckets)}
   */
  public static int bucket(String token, int buckets) {
    if (buckets < 1) {
      throw new IllegalArgumentException("buckets must be >= 1, got " + buckets);
    }
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
}
