package dev.mlsd.harmful.features;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class TweetSignalsTest {
  private static final TweetSignals SIGNALS =
      new TweetSignals(
          ProfanityLexicon.of(List.of("love", "great")), ProfanityLexicon.of(List.of("hate")));
  private static final Featurizer F =
      new Featurizer(new FeatureParams(1 << 8, 3, 3, true, 1), List.of(SIGNALS));

  private static float[] signals(String text) {
    FeatureScratch s = F.newScratch();
    F.featurize(text, s);
    return s.dense.clone();
  }

  @Test
  void countsTagsUrlsAndTheRetweetMarker() {
    float[] v = signals("RT @bob: #monday #blues http://t.co/x");
    assertEquals((float) Math.log1p(2), v[0], 1e-6);
    assertEquals((float) Math.log1p(1), v[1], 1e-6);
    assertEquals(1f, v[2]);
    float[] none = signals("no marker here, art is smart");
    assertEquals(0f, none[0]);
    assertEquals(0f, none[1]);
  }

  @Test
  void syllablesByVowelGroupsWithASilentFinalE() {
    char[] w = "hate banana rhythm the".toCharArray();
    assertEquals(1, TweetSignals.syllables(w, 0, 4));
    assertEquals(3, TweetSignals.syllables(w, 5, 11));
    assertEquals(1, TweetSignals.syllables(w, 12, 18));
    assertEquals(1, TweetSignals.syllables(w, 19, 22));
    char[] tag = "#tag @user 42".toCharArray();
    assertEquals(0, TweetSignals.syllables(tag, 0, 4));
    assertEquals(0, TweetSignals.syllables(tag, 5, 10));
    assertEquals(0, TweetSignals.syllables(tag, 11, 13));
  }

  @Test
  void readingGradeAndSentimentShares() {
    // "i love this great day" : 5 words of 1, 1, 1, 1, 1 syllables; 2 positive of 5 tokens
    float[] v = signals("I love this great day");
    assertEquals(1f, v[3], 1e-6);
    assertEquals((0.39f * 5 + 11.8f - 15.59f) / 20f, v[4], 1e-6);
    assertEquals(0.4f, v[5], 1e-6);
    assertEquals(0f, v[6]);
    assertEquals(0.5f, signals("hate Mondays")[6], 1e-6);
  }

  @Test
  void anEmptyPostIsAllZeros() {
    for (float x : signals("   ")) {
      assertEquals(0f, x);
    }
  }

  @Test
  void theBundledListsLoad() {
    float[] v =
        new Featurizer(FeatureParams.DEFAULT, List.of(TweetSignals.bundled()))
            .encodeTexts(List.of("so happy, love it"))
            .dense();
    assertEquals(2 / 4f, v[5], 1e-6);
  }
}
