package dev.mlsd.videosearch.features;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class TextNormalizerTest {
  @Test
  void lowerCasesStripsAccentsAndPunctuation() {
    assertEquals("the cafe s creme brulee", TextNormalizer.normalize("The Café's  CRÈME-brûlée!"));
  }

  @Test
  void compatibilityFormsDecompose() {
    // NFKD turns the ligature into two letters and the full-width digits into ASCII
    assertEquals("find 12", TextNormalizer.normalize("\uFB01nd \uFF11\uFF12"));
  }

  @Test
  void luceneOperatorsBecomeSpaces() {
    assertEquals("title foo and bar 2", TextNormalizer.normalize("title:(foo AND \"bar*\"~2)"));
  }

  @Test
  void emptyAndPunctuationOnlyGiveNoTokens() {
    assertEquals("", TextNormalizer.normalize(""));
    assertEquals(List.of(), TextNormalizer.tokens("?!  ... *:*"));
  }

  @Test
  void tokensAreTheWordsInOrder() {
    assertEquals(
        List.of("a", "man", "walks", "2", "dogs"), TextNormalizer.tokens(" A man walks 2 dogs. "));
  }

  @Test
  void hasherIsDeterministicAndPadsWithMinusOne() {
    TokenHasher h = new TokenHasher(1 << 14, true);
    int[] ids = h.encode("dog runs", 5);
    assertEquals(h.bucket("dog"), ids[0]);
    assertEquals(h.bucket("runs"), ids[1]);
    assertEquals(h.bucket("dog runs"), ids[2]);
    assertEquals(-1, ids[3]);
    assertEquals(-1, ids[4]);
    // murmur3 of a fixed string under a fixed seed never changes between JVMs or runs
    assertEquals(h.bucket("dog"), new TokenHasher(1 << 14, false).bucket("dog"));
  }
}
