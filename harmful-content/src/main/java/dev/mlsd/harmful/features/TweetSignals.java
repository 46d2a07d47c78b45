package dev.mlsd.harmful.features;

import java.util.List;

/**
 * Davidson et al.'s extra features that need no tagger, computed from the post itself:
 *
 * <ol>
 *   <li>{@code hashtags}: {@code ln(1 + number of #tags)} in the raw text;
 *   <li>{@code urls}: {@code ln(1 + number of URLs)} (the normaliser's {@code url} tokens);
 *   <li>{@code retweet}: 1 if the post has a retweet marker (the token {@code rt}), else 0;
 *   <li>{@code syllables_per_word}: mean syllables of the alphabetic tokens (vowel groups, a final
 *       silent {@code e} dropped, at least one per word), 0 without words;
 *   <li>{@code reading_grade}: a Flesch-Kincaid grade with the post as one sentence, {@code 0.39 *
 *       words + 11.8 * syllables_per_word - 15.59}, divided by 20 (about [-1, 2]);
 *   <li>{@code sentiment_positive}, {@code sentiment_negative}: the share of tokens in the bundled
 *       positive and negative word lists ({@code sentiment-positive.txt}, {@code
 *       sentiment-negative.txt}, written for this project), in [0, 1].
 * </ol>
 *
 * <p>Davidson et al. also use part-of-speech n-grams; they need a tagger and are left out. Fixed
 * transforms, nothing learned from data.
 *
 * <p>Thread safety: immutable; {@link #compute} allocates nothing.
 *
 * <p>Book: chapter 5, "Feature engineering" (content features of the post).
 */
public final class TweetSignals implements DenseFeatureFamily {
  private static final List<String> NAMES =
      List.of(
          "hashtags",
          "urls",
          "retweet",
          "syllables_per_word",
          "reading_grade",
          "sentiment_positive",
          "sentiment_negative");

  private final ProfanityLexicon positive;
  private final ProfanityLexicon negative;

  /** Signals with the given sentiment word lists. */
  public TweetSignals(ProfanityLexicon positive, ProfanityLexicon negative) {
    this.positive = positive;
    this.negative = negative;
  }

  /** Signals with the bundled sentiment word lists. */
  public static TweetSignals bundled() {
    return new TweetSignals(
        ProfanityLexicon.of(ProfanityLexicon.resourceWords("sentiment-positive.txt")),
        ProfanityLexicon.of(ProfanityLexicon.resourceWords("sentiment-negative.txt")));
  }

  @Override
  public String name() {
    return "tweet-signals";
  }

  @Override
  public List<String> featureNames() {
    return NAMES;
  }

  @Override
  public void compute(CharSequence raw, FeatureScratch s, float[] out, int offset) {
    int hashtags = 0;
    int urls = 0;
    int retweet = 0;
    int words = 0;
    int syllables = 0;
    int pos = 0;
    int neg = 0;
    char[] t = s.text;
    for (int k = 0; k < s.tokens; k++) {
      int from = s.tokenStarts[k];
      int to = s.tokenEnds[k];
      if (t[from] == '#' && to - from > 1) {
        hashtags++;
      } else if (is(t, from, to, "url")) {
        urls++;
      } else if (is(t, from, to, "rt")) {
        retweet = 1;
      }
      int syl = syllables(t, from, to);
      if (syl > 0) {
        words++;
        syllables += syl;
      }
      pos += positive.contains(t, from, to, s.window) ? 1 : 0;
      neg += negative.contains(t, from, to, s.window) ? 1 : 0;
    }
    float perWord = words == 0 ? 0f : (float) syllables / words;
    out[offset] = (float) Math.log1p(hashtags);
    out[offset + 1] = (float) Math.log1p(urls);
    out[offset + 2] = retweet;
    out[offset + 3] = perWord;
    out[offset + 4] = words == 0 ? 0f : (0.39f * words + 11.8f * perWord - 15.59f) / 20f;
    out[offset + 5] = s.tokens == 0 ? 0f : (float) pos / s.tokens;
    out[offset + 6] = s.tokens == 0 ? 0f : (float) neg / s.tokens;
  }

  private static boolean is(char[] t, int from, int to, String word) {
    if (to - from != word.length()) {
      return false;
    }
    for (int i = 0; i < word.length(); i++) {
      if (t[from + i] != word.charAt(i)) {
        return false;
      }
    }
    return true;
  }

  /**
   * Syllables of a token by vowel groups, 0 if it has a non-letter (a mention, a tag, a number, an
   * emoji), else at least 1; a final {@code e} after a consonant is silent ({@code "hate"} is 1).
   */
  static int syllables(char[] t, int from, int to) {
    int groups = 0;
    boolean inVowel = false;
    for (int i = from; i < to; i++) {
      char c = t[i];
      if (c < 'a' || c > 'z') {
        if (c == '\'') {
          continue;
        }
        return 0;
      }
      boolean vowel = c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u' || c == 'y';
      if (vowel && !inVowel) {
        groups++;
      }
      inVowel = vowel;
    }
    if (to - from > 2 && t[to - 1] == 'e' && !isVowel(t[to - 2]) && groups > 1) {
      groups--;
    }
    return Math.max(groups, to > from ? 1 : 0);
  }

  private static boolean isVowel(char c) {
    return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u' || c == 'y';
  }
}
