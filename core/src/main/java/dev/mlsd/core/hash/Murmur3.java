package dev.mlsd.core.hash;

/**
 * MurmurHash3 (Austin Appleby, public domain reference {@code MurmurHash3_x86_32}), seeded, over
 * the UTF-8 bytes of a string, an int or a long, plus the two finalisers ({@link #fmix32}, {@link
 * #fmix64}). Equal inputs and seeds give equal hashes in every JVM and release, so feature ids are
 * the same offline and at serving time.
 *
 * <p>Strings are hashed as their UTF-8 encoding (the reference hashes bytes), encoded on the fly:
 * nothing is allocated, so it may run per request. An unpaired surrogate is encoded as {@code '?'}
 * as {@link String#getBytes(java.nio.charset.Charset)} does, so the hash equals the reference over
 * {@code s.getBytes(UTF_8)} for every string. {@link #hash32(int, int)} hashes the int's four
 * little-endian bytes, as the reference does for a 4-byte key.
 *
 * <p>Thread safety: stateless.
 *
 * <p>Book: chapter 8, "Feature engineering" (feature hashing).
 */
public final class Murmur3 {
  private static final int C1 = 0xcc9e2d51;
  private static final int C2 = 0x1b873593;

  private Murmur3() {}

  /**
   * MurmurHash3_x86_32 of the UTF-8 bytes of {@code s}.
   *
   * @param s the string (its chars are read, never copied)
   * @param seed the seed
   */
  public static int hash32(CharSequence s, int seed) {
    int h = seed;
    int block = 0; // up to 4 pending bytes, little-endian
    int pending = 0;
    int length = 0;
    int n = s.length();
    for (int i = 0; i < n; i++) {
      int c = s.charAt(i);
      int cp;
      if (Character.isHighSurrogate((char) c)
          && i + 1 < n
          && Character.isLowSurrogate(s.charAt(i + 1))) {
        cp = Character.toCodePoint((char) c, s.charAt(++i));
      } else if (Character.isSurrogate((char) c)) {
        cp = '?';
      } else {
        cp = c;
      }
      int bytes;
      int encoded; // the UTF-8 bytes, first byte lowest
      if (cp < 0x80) {
        bytes = 1;
        encoded = cp;
      } else if (cp < 0x800) {
        bytes = 2;
        encoded = (0xc0 | (cp >>> 6)) | ((0x80 | (cp & 0x3f)) << 8);
      } else if (cp < 0x10000) {
        bytes = 3;
        encoded =
            (0xe0 | (cp >>> 12))
                | ((0x80 | ((cp >>> 6) & 0x3f)) << 8)
                | ((0x80 | (cp & 0x3f)) << 16);
      } else {
        bytes = 4;
        encoded =
            (0xf0 | (cp >>> 18))
                | ((0x80 | ((cp >>> 12) & 0x3f)) << 8)
                | ((0x80 | ((cp >>> 6) & 0x3f)) << 16)
                | ((0x80 | (cp & 0x3f)) << 24);
      }
      for (int b = 0; b < bytes; b++) {
        block |= ((encoded >>> (8 * b)) & 0xff) << (8 * pending);
        pending++;
        if (pending == 4) {
          h = mixBlock(h, block);
          block = 0;
          pending = 0;
        }
      }
      length += bytes;
    }
    return finish(h, block, pending, length);
  }

  /** MurmurHash3_x86_32 of an int's four little-endian bytes. */
  public static int hash32(int key, int seed) {
    return fmix32(mixBlock(seed, key) ^ 4);
  }

  /** MurmurHash3_x86_32 of a long's eight little-endian bytes. */
  public static int hash32(long key, int seed) {
    int h = mixBlock(seed, (int) key);
    h = mixBlock(h, (int) (key >>> 32));
    return fmix32(h ^ 8);
  }

  /** MurmurHash3's 32-bit finaliser: every input bit affects every output bit. */
  public static int fmix32(int h) {
    h ^= h >>> 16;
    h *= 0x85ebca6b;
    h ^= h >>> 13;
    h *= 0xc2b2ae35;
    h ^= h >>> 16;
    return h;
  }

  /** MurmurHash3's 64-bit finaliser ({@code fmix64}). */
  public static long fmix64(long h) {
    h ^= h >>> 33;
    h *= 0xff51afd7ed558ccdL;
    h ^= h >>> 33;
    h *= 0xc4ceb9fe1a85ec53L;
    h ^= h >>> 33;
    return h;
  }

  /**
   * A bucket in {@code [0, buckets)} for a string: {@code hash32 mod buckets}, the hash read as
   * unsigned.
   *
   * @param buckets at least 1
   */
  public static int bucket(CharSequence s, int seed, int buckets) {
    if (buckets < 1) {
      throw new IllegalArgumentException("buckets must be >= 1, got " + buckets);
    }
    return (int) (Integer.toUnsignedLong(hash32(s, seed)) % buckets);
  }

  private static int mixBlock(int h, int k) {
    k *= C1;
    k = Integer.rotateLeft(k, 15);
    k *= C2;
    h ^= k;
    h = Integer.rotateLeft(h, 13);
    return h * 5 + 0xe6546b64;
  }

  private static int finish(int h, int tail, int tailBytes, int length) {
    if (tailBytes > 0) {
      int k = tail;
      k *= C1;
      k = Integer.rotateLeft(k, 15);
      k *= C2;
      h ^= k;
    }
    return fmix32(h ^ length);
  }
}
