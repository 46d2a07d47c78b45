package dev.mlsd.videosearch.features;

import java.nio.charset.StandardCharsets;
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
 * <p>Thread safety: immutable.
 *
 * <p>Book: chapter 4, "Feature engineering", tokens to ids (the hashing trick).
 */
public final class TokenHasher {
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

  /** The bucket of one token: murmur3's 32-bit mix of its UTF-8 bytes, mod {@link #buckets()}. */
  public int bucket(String token) {
    byte[] b = token.getBytes(StandardCharsets.UTF_8);
    int h = 0x2f1a5c3b;
    int i = 0;
    for (; i + 4 <= b.length; i += 4) {
      int k = (b[i] & 0xff) | (b[i + 1] & 0xff) << 8 | (b[i + 2] & 0xff) << 16 | b[i + 3] << 24;
      h = mixH(h, mixK(k));
    }
    int k = 0;
    switch (b.length - i) {
      case 3:
        k ^= (b[i + 2] & 0xff) << 16;
      // fall through
      case 2:
        k ^= (b[i + 1] & 0xff) << 8;
      // fall through
      case 1:
        k ^= b[i] & 0xff;
        h ^= mixK(k);
        break;
      default:
        break;
    }
    h ^= b.length;
    h ^= h >>> 16;
    h *= 0x85ebca6b;
    h ^= h >>> 13;
    h *= 0xc2b2ae35;
    h ^= h >>> 16;
    return Math.floorMod(h, buckets);
  }

  private static int mixK(int k) {
    k *= 0xcc9e2d51;
    k = Integer.rotateLeft(k, 15);
    return k * 0x1b873593;
  }

  private static int mixH(int h, int k) {
    h ^= k;
    h = Integer.rotateLeft(h, 13);
    return h * 5 + 0xe6546b64;
  }
}
