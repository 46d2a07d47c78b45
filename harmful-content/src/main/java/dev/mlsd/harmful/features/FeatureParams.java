package dev.mlsd.harmful.features;

/**
 * The featuriser's build-time parameters (they change the features, so a model is trained and
 * served with the same ones; they go into its model card).
 *
 * @param buckets hash buckets for the text n-grams, a power of two (the network's first layer has
 *     one row per bucket)
 * @param minCharGram shortest character n-gram, at least 1
 * @param maxCharGram longest character n-gram
 * @param wordBigrams whether to add word bigrams beside word unigrams
 * @param seed the hash seed; each family derives its own from it
 */
public record FeatureParams(
    int buckets, int minCharGram, int maxCharGram, boolean wordBigrams, long seed) {

  /** The demo's setting: 2^14 buckets, char 3- to 5-grams, word uni- and bigrams. */
  public static final FeatureParams DEFAULT = new FeatureParams(1 << 14, 3, 5, true, 42);

  /** Checks the parameters. */
  public FeatureParams {
    if (buckets < 2 || Integer.bitCount(buckets) != 1) {
      throw new IllegalArgumentException("buckets must be a power of two >= 2, got " + buckets);
    }
    if (minCharGram < 1 || maxCharGram < minCharGram || maxCharGram > 8) {
      throw new IllegalArgumentException(
          "need 1 <= minCharGram <= maxCharGram <= 8, got " + minCharGram + ", " + maxCharGram);
    }
  }

  /** The hyper-parameters for a model card. */
  public java.util.Map<String, String> describe() {
    java.util.Map<String, String> m = new java.util.LinkedHashMap<>();
    m.put("hash_buckets", Integer.toString(buckets));
    m.put("char_ngrams", minCharGram + "-" + maxCharGram);
    m.put("word_ngrams", wordBigrams ? "1-2" : "1");
    m.put("hash_seed", Long.toString(seed));
    return m;
  }
}
