package dev.mlsd.harmful.features;

/**
 * Normalises a post's text in one pass into a caller-owned buffer: lower-cases; replaces every
 * {@code @mention} with {@code @user} and every URL ({@code http://}, {@code https://}, {@code
 * www.}) with {@code url}; decodes HTML entities ({@code &amp; &lt; &gt; &quot; &apos;} and numeric
 * {@code &#N;} / {@code &#xH;}; an unknown entity stays as written); collapses a letter repeated
 * more than twice to two ({@code "soooo"} to {@code "soo"}); turns runs of whitespace into one
 * space and trims. Input beyond {@link #MAX_CHARS} is ignored.
 *
 * <p>Allocation-free: writes into {@code out} and returns the length.
 *
 * <p>Thread safety: stateless.
 *
 * <p>Book: chapter 5, "Feature engineering: text content" (text preprocessing before tokenising).
 */
public final class TextNormalizer {
  /** The longest input read, in chars; the server refuses longer posts before this. */
  public static final int MAX_CHARS = 1000;

  /** Output never exceeds this many chars (a decoded entity is never longer than its text). */
  public static final int MAX_OUTPUT = MAX_CHARS + 8;

  private TextNormalizer() {}

  /**
   * Normalises {@code text}.
   *
   * @param out receives the normalised chars; at least {@link #MAX_OUTPUT} long
   * @return the normalised length
   */
  public static int normalize(CharSequence text, char[] out) {
    int n = Math.min(text.length(), MAX_CHARS);
    int len = 0;
    int i = 0;
    while (i < n) {
      char c = text.charAt(i);
      if (c == '@' && i + 1 < n && isHandleChar(text.charAt(i + 1))) {
        len = emitWord(out, len, "@user");
        i++;
        while (i < n && isHandleChar(text.charAt(i))) {
          i++;
        }
        continue;
      }
      if ((c == 'h' || c == 'H' || c == 'w' || c == 'W') && startsUrl(text, i, n)) {
        len = emitWord(out, len, "url");
        while (i < n && !Character.isWhitespace(text.charAt(i))) {
          i++;
        }
        continue;
      }
      if (c == '&') {
        int end = entityEnd(text, i, n);
        if (end > 0) {
          int cp = decodeEntity(text, i + 1, end);
          if (cp >= 0) {
            len = emitCodePoint(out, len, cp);
            i = end + 1;
            continue;
          }
        }
      }
      if (Character.isWhitespace(c)) {
        if (len > 0 && out[len - 1] != ' ') {
          out[len++] = ' ';
        }
        i++;
        continue;
      }
      len = emit(out, len, Character.toLowerCase(c));
      i++;
    }
    if (len > 0 && out[len - 1] == ' ') {
      len--;
    }
    return len;
  }

  /** Convenience for tests and tools: the normalised text as a string (allocates). */
  public static String normalize(CharSequence text) {
    char[] out = new char[MAX_OUTPUT];
    return new String(out, 0, normalize(text, out));
  }

  private static int emit(char[] out, int len, char c) {
    // a letter already written twice in a row is dropped: "soooo" -> "soo"
    if (Character.isLetter(c) && len >= 2 && out[len - 1] == c && out[len - 2] == c) {
      return len;
    }
    out[len++] = c;
    return len;
  }

  private static int emitWord(char[] out, int len, String word) {
    for (int k = 0; k < word.length(); k++) {
      out[len++] = word.charAt(k);
    }
    return len;
  }

  private static int emitCodePoint(char[] out, int len, int cp) {
    if (Character.isWhitespace(cp)) {
      if (len > 0 && out[len - 1] != ' ') {
        out[len++] = ' ';
      }
      return len;
    }
    if (Character.isBmpCodePoint(cp)) {
      return emit(out, len, Character.toLowerCase((char) cp));
    }
    out[len++] = Character.highSurrogate(cp);
    out[len++] = Character.lowSurrogate(cp);
    return len;
  }

  private static boolean isHandleChar(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
  }

  private static boolean startsUrl(CharSequence t, int i, int n) {
    return regionMatches(t, i, n, "http://")
        || regionMatches(t, i, n, "https://")
        || regionMatches(t, i, n, "www.");
  }

  private static boolean regionMatches(CharSequence t, int i, int n, String prefix) {
    if (i + prefix.length() > n) {
      return false;
    }
    for (int k = 0; k < prefix.length(); k++) {
      if (Character.toLowerCase(t.charAt(i + k)) != prefix.charAt(k)) {
        return false;
      }
    }
    return true;
  }

  /** The index of the ';' closing an entity that starts at {@code amp}, or -1. */
  private static int entityEnd(CharSequence t, int amp, int n) {
    for (int k = amp + 1; k < n && k <= amp + 10; k++) {
      char c = t.charAt(k);
      if (c == ';') {
        return k > amp + 1 ? k : -1;
      }
      if (!(Character.isLetterOrDigit(c) || c == '#')) {
        return -1;
      }
    }
    return -1;
  }

  /** The code point of the entity body {@code t[from, to)}, or -1 if unknown. */
  private static int decodeEntity(CharSequence t, int from, int to) {
    if (t.charAt(from) == '#') {
      boolean hex = to - from > 1 && (t.charAt(from + 1) == 'x' || t.charAt(from + 1) == 'X');
      int start = from + (hex ? 2 : 1);
      if (start >= to) {
        return -1;
      }
      int cp = 0;
      for (int k = start; k < to; k++) {
        int d = Character.digit(t.charAt(k), hex ? 16 : 10);
        if (d < 0 || cp > 0x10FFFF) {
          return -1;
        }
        cp = cp * (hex ? 16 : 10) + d;
      }
      return cp > 0 && Character.isValidCodePoint(cp) && !(cp >= 0xD800 && cp <= 0xDFFF) ? cp : -1;
    }
    if (equalsIgnoreCase(t, from, to, "amp")) {
      return '&';
    }
    if (equalsIgnoreCase(t, from, to, "lt")) {
      return '<';
    }
    if (equalsIgnoreCase(t, from, to, "gt")) {
      return '>';
    }
    if (equalsIgnoreCase(t, from, to, "quot")) {
      return '"';
    }
    if (equalsIgnoreCase(t, from, to, "apos")) {
      return '\'';
    }
    return -1;
  }

  private static boolean equalsIgnoreCase(CharSequence t, int from, int to, String s) {
    if (to - from != s.length()) {
      return false;
    }
    for (int k = 0; k < s.length(); k++) {
      if (Character.toLowerCase(t.charAt(from + k)) != s.charAt(k)) {
        return false;
      }
    }
    return true;
  }
}
