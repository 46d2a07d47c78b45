package dev.mlsd.harmful.features;

/**
 * The text feature family: every word unigram, word bigram (optional) and character n-gram of the
 * normalised post, hashed into {@link FeatureParams#buckets()} buckets (the hashing trick, so there
 * is no vocabulary to build, store or keep in sync between training and serving). Character n-grams
 * are taken inside each word with {@code <} and {@code >} marking its edges, as fastText does, so
 * misspellings and creative spellings ({@code "h8"}, {@code "f*ck"}) share most of their n-grams
 * with the usual form. Each kind has its own seed, so a word and a 4-gram with the same letters do
 * not collide by construction.
 *
 * <p>The ids are a bag: the same id may appear more than once (a repeated n-gram, or a collision).
 * The model averages the rows of its first layer over the bag, which equals a dense layer over term
 * frequencies.
 *
 * <p>Thread safety: immutable.
 *
 * <p>Book: chapter 5, "Feature engineering: text content" (tokenise, then vectorise).
 */
public final class HashedNgrams {
  private final FeatureParams params;
  private final long wordSeed;
  private final long bigramSeed;
  private final long charSeed;

  /** A family with the given parameters. */
  public HashedNgrams(FeatureParams params) {
    this.params = params;
    this.wordSeed = params.seed() * 31 + 1;
    this.bigramSeed = params.seed() * 31 + 2;
    this.charSeed = params.seed() * 31 + 3;
  }

  /** Fills {@code s.ids} from the tokens already in {@code s}; resets the previous post's ids. */
  void compute(FeatureScratch s) {
    java.util.Arrays.fill(s.ids, 0, s.idCount, -1);
    int count = 0;
    boolean truncated = false;
    int buckets = params.buckets();
    long previousWord = 0;
    char[] t = s.text;
    for (int k = 0; k < s.tokens && !truncated; k++) {
      int from = s.tokenStarts[k];
      int to = s.tokenEnds[k];
      long word = FeatureHash.of(t, from, to, wordSeed);
      if (count == FeatureScratch.MAX_IDS) {
        truncated = true;
        break;
      }
      s.ids[count++] = FeatureHash.bucket(word, buckets);
      if (params.wordBigrams() && k > 0) {
        if (count == FeatureScratch.MAX_IDS) {
          truncated = true;
          break;
        }
        long pair =
            FeatureHash.add(FeatureHash.add(FeatureHash.start(bigramSeed), previousWord), word);
        s.ids[count++] = FeatureHash.bucket(FeatureHash.finish(pair), buckets);
      }
      previousWord = word;
      // character n-grams of "<word>": virtual index -1 is '<', (to - from) is '>'
      int len = to - from;
      for (int n = params.minCharGram(); n <= params.maxCharGram(); n++) {
        for (int p = -1; p + n <= len + 1; p++) {
          if (count == FeatureScratch.MAX_IDS) {
            truncated = true;
            break;
          }
          long h = FeatureHash.start(charSeed);
          for (int q = p; q < p + n; q++) {
            h = FeatureHash.add(h, q < 0 ? '<' : q >= len ? '>' : t[from + q]);
          }
          s.ids[count++] = FeatureHash.bucket(FeatureHash.finish(h), buckets);
        }
      }
    }
    s.idCount = count;
    s.truncated = truncated;
  }

  /** The number of buckets. */
  public int buckets() {
    return params.buckets();
  }
}
