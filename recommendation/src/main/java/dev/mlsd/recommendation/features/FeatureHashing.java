package dev.mlsd.recommendation.features;

/**
 * The hashing trick for bags of words: a token goes to bucket {@code hash(utf8(token)) mod
 * buckets}. Deterministic across JVMs (not {@link String#hashCode()} alone, whose low bits are
 * poor) and allocation-free (the UTF-8 bytes are produced on the fly).
 *
 * <p>The hash: seeded with {@code 0x9747b28c}, each byte is xored in, multiplied by MurmurHash2's
 * constant {@code 0x5bd1e995} and xor-shifted right by 15; the result goes through the last three
 * steps of MurmurHash3's 32-bit finaliser. It is not MurmurHash3 (core's {@link
 * dev.mlsd.core.hash.Murmur3} is): the trained two-tower model and every reported metric were
 * computed with this function, and switching would change the features, so it keeps its behaviour
 * under an honest description.
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
    return Math.floorMod(byteMultiplyXorShift(token), buckets);
  }

  /** The hash described above, over the UTF-8 bytes of {@code s} (unpaired surrogates as '?'). */
  static int byteMultiplyXorShift(CharSequence s) {
    int h = 0x9747b28c;
    int n = s.length();
    for (int i = 0; i < n; i++) {
      char c = s.charAt(i);
      int cp;
      if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
        cp = Character.toCodePoint(c, s.charAt(++i));
      } else if (Character.isSurrogate(c)) {
        cp = '?';
      } else {
        cp = c;
      }
      if (cp < 0x80) {
        h = step(h, cp);
      } else if (cp < 0x800) {
        h = step(h, 0xc0 | (cp >>> 6));
        h = step(h, 0x80 | (cp & 0x3f));
      } else if (cp < 0x10000) {
        h = step(h, 0xe0 | (cp >>> 12));
        h = step(h, 0x80 | ((cp >>> 6) & 0x3f));
        h = step(h, 0x80 | (cp & 0x3f));
      } else {
        h = step(h, 0xf0 | (cp >>> 18));
        h = step(h, 0x80 | ((cp >>> 12) & 0x3f));
        h = step(h, 0x80 | ((cp >>> 6) & 0x3f));
        h = step(h, 0x80 | (cp & 0x3f));
      }
    }
    h ^= h >>> 13;
    h *= 0xc2b2ae35;
    h ^= h >>> 16;
    return h;
  }

  private static int step(int h, int b) {
    h ^= b;
    h *= 0x5bd1e995;
    h ^= h >>> 15;
    return h;
  }
}
