package dev.mlsd.videosearch.features;

import dev.mlsd.core.hash.Murmur3;
import java.util.Arrays;
import java.util.List;

/**
 * Tokens to ids with the hashing trick, for the two-tower encoders: every normalised token, and
 * optionally every pair of adjacent tokens (bigram), goes to bucket {@code murmur3(token) mod
 * buckets}. No vocabulary to build or ship; collisions are the price (measured: with 2^14 buckets
 * and DiDeMo's few thousand words they are rare).
 *
 * <p>The output is a fixed-width row of {@code maxIds} ids padded with -1, the layout of core's
 * {@code EmbeddingBag} with {@code MEAN} pooling; text beyond {@code maxIds} ids is cut. Training
 * and serving call the same method, so the model never sees a different encoding.
 *
 * <p>Cost: {@link #encode} allocates the token list of its text (a few small strings per query; the
 * Lucene query beside it allocates more), nothing per id.
 *
 * <p>Thread safety: immutable.
 *
 * <p>Book: chapter 4, "Feature engineering", tokens to ids (the hashing trick).
 */
public final class TokenHasher {
  /** The hash seed (fixed: changing it re-maps every token and needs a retrained model). */
  public static final int SEED = 0x2f1a5c3b;

  private final int buckets;
  private final boolean bigrams;

  /**
   * @param buckets the number of hash buckets (the embedding table's rows), at least 2
   * @param bigrams whether adjacent-token pairs get ids too
   */
  public TokenHasher(int buckets, boolean bigrams) {
    if (buckets < 2) {
      throw new IllegalArgumentException("buckets must be >= 2, got " + buckets);
    }
    this.buckets = buckets;
    this.bigrams = bigrams;
  }

  /** The number of buckets. */
  public int buckets() {
    return buckets;
  }

  /** Whether bigrams get ids. */
  public boolean bigrams() {
    return bigrams;
  }

  /**
   * Encodes a text into {@code out[offset .. offset + maxIds)}: the ids of its tokens (then of its
   * bigrams), padded with -1.
   *
   * @return the number of real ids written
   */
  public int encode(String text, int[] out, int offset, int maxIds) {
    List<String> tokens = TextNormalizer.tokens(text);
    Arrays.fill(out, offset, offset + maxIds, -1);
    int n = 0;
    for (int i = 0; i < tokens.size() && n < maxIds; i++) {
      out[offset + n++] = bucket(tokens.get(i));
    }
    if (bigrams) {
      for (int i = 1; i < tokens.size() && n < maxIds; i++) {
        out[offset + n++] = bucket(tokens.get(i - 1) + ' ' + tokens.get(i));
      }
    }
    return n;
  }

  /** One row of {@code maxIds} ids (allocates; for tests and offline jobs). */
  public int[] encode(String text, int maxIds) {
    int[] out = new int[maxIds];
    encode(text, out, 0, maxIds);
    return out;
  }

  /** The bucket of one token: core's MurmurHash3 (x86_32, UTF-8) of it, mod {@link #buckets()}. */
  public int bucket(String token) {
    return Murmur3.bucket(token, SEED, buckets);
  }
}
