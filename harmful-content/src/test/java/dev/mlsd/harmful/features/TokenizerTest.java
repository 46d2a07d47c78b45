package dev.mlsd.harmful.features;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TokenizerTest {
  private static List<String> tokens(String s) {
    char[] c = s.toCharArray();
    int[] st = new int[64];
    int[] en = new int[64];
    int n = Tokenizer.tokenize(c, c.length, st, en);
    List<String> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      out.add(s.substring(st[i], en[i]));
    }
    return out;
  }

  @Test
  void splitsOnSpaceAndPunctuationKeepingHandlesTagsAndApostrophes() {
    assertEquals(
        List.of("rt", "@user", "don't", "#tag", "f", "ck", "url"),
        tokens("rt @user: don't #tag!! f*ck... url"));
  }

  @Test
  void emojiAreWordChars() {
    assertEquals(List.of("lol\uD83D\uDE02"), tokens("lol\uD83D\uDE02"));
  }

  @Test
  void stopsAtTheCapacity() {
    char[] c = "a b c d".toCharArray();
    int[] st = new int[2];
    int[] en = new int[2];
    assertEquals(2, Tokenizer.tokenize(c, c.length, st, en));
  }
}
