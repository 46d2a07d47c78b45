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
  private final int wordSeed;
  private final int bigramSeed;
  private final int charSeed;

  /** A family with the given parameters. */
  public HashedNgrams(FeatureParams params) {
    this.params = params;
    this.wordSeed = FeatureHash.seed(params.seed(), 1);
    this.bigramSeed = FeatureHash.seed(params.seed(), 2);
    this.charSeed = FeatureHash.seed(params.seed(), 3);
  }

  /** Fills {@code s.ids} from the tokens already in {@code s}; resets the previous post's ids. */
  void compute(FeatureScratch s) {
    java.util.Arrays.fill(s.ids, 0, s.idCount, -1);
    int count = 0;
    boolean truncated = false;
    int buckets = params.buckets();
    int previousWord = 0;
    char[] t = s.text;
    CharWindow w = s.window;
    for (int k = 0; k < s.tokens && !truncated; k++) {
      int from = s.tokenStarts[k];
      int to = s.tokenEnds[k];
      int len = to - from;
      int word = FeatureHash.of(w.token(t, from, to), wordSeed);
      int needed = 1 + (params.wordBigrams() && k > 0 ? 1 : 0);
      if (count + needed > FeatureScratch.MAX_IDS) {
        truncated = true;
        break;
      }
      s.ids[count++] = FeatureHash.bucket(word, buckets);
      if (params.wordBigrams() && k > 0) {
        s.ids[count++] =
            FeatureHash.bucket(FeatureHash.pair(previousWord, word, bigramSeed), buckets);
      }
      previousWord = word;
      // character n-grams of "<word>" (virtual positions 0 .. len + 1)
      for (int n = params.minCharGram(); n <= params.maxCharGram() && !truncated; n++) {
        for (int p = 0; p + n <= len + 2; p++) {
          if (count == FeatureScratch.MAX_IDS) {
            truncated = true;
            break;
          }
          s.ids[count++] =
              FeatureHash.bucket(
                  FeatureHash.of(w.framed(t, from, to, p, p + n), charSeed), buckets);
        }
      }
    }
    if (count == 0) {
      // a post without a word is one empty word: its n-gram "<>" keeps every bag non-empty
      s.ids[count++] =
          FeatureHash.bucket(FeatureHash.of(w.framed(t, 0, 0, 0, 2), charSeed), buckets);
    }
    s.idCount = count;
    s.truncated = truncated;
  }

  /** The number of buckets. */
  public int buckets() {
    return params.buckets();
  }
}
