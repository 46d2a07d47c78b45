/**
 * Seeded, allocation-free hashing for the hashing trick (feature ids) and for spreading ids over
 * tables: {@link dev.mlsd.core.hash.Murmur3} (MurmurHash3, x86 32-bit, over the UTF-8 bytes of a
 * string without encoding it into an array; and its finalisers).
 *
 * <p>Book: chapter 8, "Feature engineering" (the hashing trick for high-cardinality categorical
 * features); chapter 6 (hashed tag and genre features).
 */
package dev.mlsd.core.hash;
