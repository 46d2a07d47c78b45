package dev.mlsd.harmful.features;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class TextNormalizerTest {
  @Test
  void lowerCasesAndReplacesMentionsAndUrls() {
    assertEquals(
        "rt @user: look url now",
        TextNormalizer.normalize("RT @Some_One99: Look https://t.co/AbC now"));
    assertEquals("url and url", TextNormalizer.normalize("www.example.com and HTTP://x.y/z"));
    assertEquals("email me @ home", TextNormalizer.normalize("email me @ home"));
  }

  @Test
  void decodesHtmlEntitiesAndKeepsUnknownOnes() {
    assertEquals(
        "a & b < c > \"d\" 'e'",
        TextNormalizer.normalize("a &amp; b &lt; c &gt; &quot;d&quot; &apos;e&apos;"));
    assertEquals("\u201chi\u201d", TextNormalizer.normalize("&#8220;hi&#8221;"));
    assertEquals("\uD83D\uDE02", TextNormalizer.normalize("&#128514;"));
    assertEquals("x &bogus; y", TextNormalizer.normalize("x &bogus; y"));
    assertEquals("a&b", TextNormalizer.normalize("a&b"));
  }

  @Test
  void collapsesLettersRepeatedMoreThanTwice() {
    assertEquals("soo good", TextNormalizer.normalize("Sooooo goooood"));
    assertEquals("coo", TextNormalizer.normalize("coo"));
    assertEquals("!!!!! 1111", TextNormalizer.normalize("!!!!! 1111"));
  }

  @Test
  void collapsesWhitespaceAndTrims() {
    assertEquals("a b", TextNormalizer.normalize("  a \n\t b  "));
    assertEquals("", TextNormalizer.normalize("   "));
  }

  @Test
  void readsAtMostMaxChars() {
    String longText = "a".repeat(TextNormalizer.MAX_CHARS) + "bbb";
    assertEquals("aa", TextNormalizer.normalize(longText));
  }
}
