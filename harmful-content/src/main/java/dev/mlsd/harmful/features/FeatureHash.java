package dev.mlsd.harmful.features;

/**
 * A seeded 64-bit hash of a char sequence fed one char at a time, so n-grams and word pairs hash
 * without building strings: {@code h = start(seed); h = add(h, c) ...; finish(h)}. Each step is a
 * multiply-xor (FNV-1a style over the 16-bit char); {@link #finish} applies MurmurHash3's 64-bit
 * finaliser so the low bits used for bucketing are well mixed.
 *
 * <p>This is the module's only hash; when core gets its seeded hash (kit issue) this class is the
 * one place to swap.
 *
 * <p>Thread safety: stateless.
 */
public final class FeatureHash {
  private static final long PRIME = 0x100000001b3L;
  private static final long OFFSET = 0xcbf29ce484222325L;

  private FeatureHash() {}

  /** The state before any char, for a seed (one seed per feature family). */
  public static long start(long seed) {
    return OFFSET ^ mix(seed);
  }

  /** Feeds one char. */
  public static long add(long h, char c) {
    return (h ^ c) * PRIME;
  }

  /** Feeds a 64-bit value (e.g. a previous token's hash, for bigrams). */
  public static long add(long h, long v) {
    return (h ^ v) * PRIME;
  }

  /** The final, well-mixed hash. */
  public static long finish(long h) {
    return mix(h);
  }

  /** The hash of {@code chars[from, to)}. */
  public static long of(char[] chars, int from, int to, long seed) {
    long h = start(seed);
    for (int i = from; i < to; i++) {
      h = add(h, chars[i]);
    }
    return finish(h);
  }

  /** The hash of a string (for lexicons and tests). */
  public static long of(CharSequence s, long seed) {
    long h = start(seed);
    for (int i = 0; i < s.length(); i++) {
      h = add(h, s.charAt(i));
    }
    return finish(h);
  }

  /** The bucket of a hash among {@code buckets}, a power of two. */
  public static int bucket(long hash, int buckets) {
    return (int) (hash & (buckets - 1));
  }

  /** MurmurHash3's fmix64. */
  private static long mix(long k) {
    k ^= k >>> 33;
    k *= 0xff51afd7ed558ccdL;
    k ^= k >>> 33;
    k *= 0xc4ceb9fe1a85ec53L;
    k ^= k >>> 33;
    return k;
  }
}
