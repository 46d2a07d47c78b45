package dev.mlsd.harmful.features;

import dev.mlsd.core.hash.Murmur3;

/**
 * The featuriser's hashing, on core's seeded {@link Murmur3} (MurmurHash3_x86_32 over UTF-8,
 * allocation-free): tokens and n-grams are hashed through a {@link CharWindow}, word pairs by
 * hashing the two word hashes as one long. Each feature kind has its own seed, so a word and a
 * 4-gram with the same letters do not collide by construction.
 *
 * <p>Thread safety: stateless.
 */
final class FeatureHash {
  private FeatureHash() {}

  /** The hash of the chars a window shows. */
  static int of(CharSequence chars, int seed) {
    return Murmur3.hash32(chars, seed);
  }

  /** The hash of an ordered pair of hashes (a word bigram). */
  static int pair(int first, int second, int seed) {
    return Murmur3.hash32(((long) first << 32) | (second & 0xffffffffL), seed);
  }

  /** The bucket of a hash among {@code buckets}, a power of two. */
  static int bucket(int hash, int buckets) {
    return hash & (buckets - 1);
  }

  /** A 32-bit seed derived from the 64-bit parameter seed and a feature kind. */
  static int seed(long seed, int kind) {
    return (int) Murmur3.fmix64(seed * 31 + kind);
  }
}
