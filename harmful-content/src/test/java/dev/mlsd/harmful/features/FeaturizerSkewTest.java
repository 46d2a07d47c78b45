package dev.mlsd.harmful.features;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Training ({@link Featurizer#encode}) and serving ({@link Featurizer#featurize}) agree bit for
 * bit.
 */
class FeaturizerSkewTest {
  private static final List<String> TEXTS =
      List.of(
          "RT @a: you are a BITCH &amp; a hoe http://t.co/x",
          "lovely day",
          "!!!",
          "Sooooo DONE with these birds #tired",
          "a".repeat(1200));

  @Test
  void trainingRowsEqualServingRows() {
    Featurizer f = Featurizer.standard(new FeatureParams(1 << 10, 3, 5, true, 9));
    EncodedPosts offline = f.encodeTexts(TEXTS);
    FeatureScratch s = f.newScratch();
    // serve in another order so that leftovers of a previous post would show
    for (int i = TEXTS.size() - 1; i >= 0; i--) {
      f.featurize(TEXTS.get(i), s);
      assertArrayEquals(offline.idsOf(i), java.util.Arrays.copyOf(s.ids, s.idCount), "ids " + i);
      for (int k = s.idCount; k < FeatureScratch.MAX_IDS; k++) {
        assertEquals(-1, s.ids[k], "padding after the ids of post " + i);
      }
      float[] row = new float[f.denseWidth()];
      offline.writeDense(i, row, 0);
      assertArrayEquals(row, s.dense, "dense " + i);
    }
  }

  @Test
  void trainingRowsEqualServingRowsWithWordVectors() {
    WordVectors table =
        WordVectors.of(
            List.of("you", "are", "a", "bitch", "lovely", "day", "done", "birds", "tired"),
            new float[] {1, 2, 3, 4, 5, 6, 7, 8, 9, -1, -2, -3, -4, -5, -6, -7, -8, -9},
            2);
    Featurizer f = Featurizer.withWordVectors(new FeatureParams(1 << 10, 3, 5, true, 9), table);
    assertEquals(11 + 5, f.denseWidth());
    EncodedPosts offline = f.encodeTexts(TEXTS);
    FeatureScratch s = f.newScratch();
    for (int i = TEXTS.size() - 1; i >= 0; i--) {
      f.featurize(TEXTS.get(i), s);
      assertArrayEquals(offline.idsOf(i), java.util.Arrays.copyOf(s.ids, s.idCount), "ids " + i);
      float[] row = new float[f.denseWidth()];
      offline.writeDense(i, row, 0);
      assertArrayEquals(row, s.dense, "dense " + i);
    }
  }

  @Test
  void countsWordsBigramsAndCharGramsAndStaysInRange() {
    Featurizer f = new Featurizer(new FeatureParams(1 << 8, 3, 3, true, 1), List.of());
    FeatureScratch s = f.newScratch();
    f.featurize("ab cde", s);
    // words 2, bigram 1, char 3-grams of "<ab>" 2 and of "<cde>" 3
    assertEquals(8, s.idCount);
    for (int k = 0; k < s.idCount; k++) {
      assertTrue(s.ids[k] >= 0 && s.ids[k] < 256);
    }
  }

  @Test
  void signalsOnAHandCase() {
    Featurizer f = Featurizer.standard(FeatureParams.DEFAULT);
    FeatureScratch s = f.newScratch();
    String raw = "@x SHUT UP bitch";
    f.featurize(raw, s);
    assertEquals(
        List.of(
            "profane_rate",
            "caps_ratio",
            "mentions",
            "length",
            "hashtags",
            "urls",
            "retweet",
            "syllables_per_word",
            "reading_grade",
            "sentiment_positive",
            "sentiment_negative"),
        f.denseNames());
    assertEquals(0.25f, s.dense[0], 1e-6f, "1 of 4 tokens (@user shut up bitch)");
    assertEquals(0.5f, s.dense[1], 1e-6f, "6 upper-case of 12 letters (x SHUT UP bitch)");
    assertEquals((float) Math.log1p(1), s.dense[2], 1e-6f);
    assertEquals((float) (Math.log1p(raw.length()) / Math.log1p(1000)), s.dense[3], 1e-6f);
    // tweet signals: no tags, URLs or RT; "shut", "up", "bitch" 1 syllable each; "shut" negative
    assertEquals(0f, s.dense[4] + s.dense[5] + s.dense[6]);
    assertEquals(1f, s.dense[7], 1e-6f);
    assertEquals((0.39f * 3 + 11.8f - 15.59f) / 20f, s.dense[8], 1e-6f);
    assertEquals(0f, s.dense[9]);
    assertEquals(0.25f, s.dense[10], 1e-6f);
  }

  @Test
  void lexiconMatchesWholeTokensAfterNormalisation() {
    ProfanityLexicon l = ProfanityLexicon.bundled();
    assertTrue(l.contains("BITCHES"));
    // "biiiitch" normalises to "biitch", a spelling the list does not have: the n-grams cover it
    org.junit.jupiter.api.Assertions.assertFalse(l.contains("biiiitch"));
    char[] tag = "#hoes'".toCharArray();
    assertTrue(l.contains(tag, 0, tag.length), "a leading # and a trailing apostrophe are ignored");
    org.junit.jupiter.api.Assertions.assertFalse(l.contains("glass"));
  }
}
