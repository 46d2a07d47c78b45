package dev.mlsd.videosearch.features;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The book's text normalisation, shared by the Lucene index, the query path and the two-tower
 * encoders (one normaliser, so no training/serving skew):
 *
 * <ol>
 *   <li>Unicode NFKD, then combining marks removed ({@code "Café"} to {@code "Cafe"}, {@code "ﬁ"}
 *       to {@code "fi"});
 *   <li>lower-case (root locale);
 *   <li>every character that is not a letter or a digit becomes a space (punctuation, symbols,
 *       Lucene's query operators);
 *   <li>whitespace runs collapse; the tokens are the words between spaces.
 * </ol>
 *
 * <p>Stemming is not part of normalisation: it is an option of {@link SearchAnalyzer}, measured in
 * the demo.
 *
 * <p>Thread safety: stateless.
 *
 * <p>Book: chapter 4, "Feature engineering", text normalisation and tokenisation.
 */
public final class TextNormalizer {
  private TextNormalizer() {}

  /** The normalised text: tokens separated by single spaces, no leading or trailing space. */
  public static String normalize(String text) {
    String d = Normalizer.normalize(text, Normalizer.Form.NFKD);
    StringBuilder sb = new StringBuilder(d.length());
    boolean space = true;
    for (int i = 0; i < d.length(); ) {
      int cp = d.codePointAt(i);
      i += Character.charCount(cp);
      int type = Character.getType(cp);
      if (type == Character.NON_SPACING_MARK
          || type == Character.ENCLOSING_MARK
          || type == Character.COMBINING_SPACING_MARK) {
        continue;
      }
      if (Character.isLetterOrDigit(cp)) {
        // String.toLowerCase(Locale.ROOT) per code point; a few expand, which appendCodePoint keeps
        sb.append(new String(Character.toChars(cp)).toLowerCase(Locale.ROOT));
        space = false;
      } else if (!space) {
        sb.append(' ');
        space = true;
      }
    }
    int n = sb.length();
    if (n > 0 && sb.charAt(n - 1) == ' ') {
      sb.setLength(n - 1);
    }
    return sb.toString();
  }

  /** The tokens of the normalised text, in order; empty when the text has no letter or digit. */
  public static List<String> tokens(String text) {
    String n = normalize(text);
    List<String> out = new ArrayList<>();
    int start = 0;
    for (int i = 0; i <= n.length(); i++) {
      if (i == n.length() || n.charAt(i) == ' ') {
        if (i > start) {
          out.add(n.substring(start, i));
        }
        start = i + 1;
      }
    }
    return out;
  }
}
