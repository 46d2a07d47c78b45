package dev.mlsd.adctr.features;

import dev.mlsd.core.hash.Murmur3;

/**
 * The hashing trick for one categorical field: a value maps to one of {@code buckets} ids, with id
 * 0 reserved for a missing value (the empty string). The hash is 64-bit FNV-1a over the UTF-16
 * chars, its offset basis mixed with the field's index, then MurmurHash3's 64-bit finaliser (core's
 * {@link Murmur3#fmix64}). It is not MurmurHash3 itself: core's {@link Murmur3#hash32} is, but the
 * trained models and every reported metric were computed with this function, so it stays. Fixed by
 * this class, so ids are the same in every JVM, offline and at serving time; allocation-free.
 *
 * <p>Thread safety: immutable.
 *
 * @param fieldIndex the field's index in its schema (seeds the hash, so equal values of different
 *     fields land in different places)
 * @param buckets number of ids, at least 2
 */
public record HashedField(int fieldIndex, int buckets) {
  /** Checks the bucket count. */
  public HashedField {
    if (buckets < 2) {
      throw new IllegalArgumentException("buckets must be >= 2, got " + buckets);
    }
  }

  /** The id of a value in [0, buckets); 0 only for a missing (empty or null) value. */
  public int bucket(String value) {
    if (value == null || value.isEmpty()) {
      return 0;
    }
    return 1 + (int) Long.remainderUnsigned(hash(fieldIndex, value), buckets - 1);
  }

  /** A 64-bit hash of a value, seeded. Stable across JVMs and releases of this code. */
  public static long hash(long seed, CharSequence value) {
    long h = 0xcbf29ce484222325L ^ (seed * 0x9E3779B97F4A7C15L);
    for (int i = 0; i < value.length(); i++) {
      h ^= value.charAt(i);
      h *= 0x100000001b3L;
    }
    return mix(h);
  }

  /** The 64-bit finaliser of MurmurHash3 ({@link Murmur3#fmix64}). */
  public static long mix(long h) {
    return Murmur3.fmix64(h);
  }
}
