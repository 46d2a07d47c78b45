package dev.mlsd.recommendation.data;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses MovieLens titles: the release year ({@code "Toy Story (1995)"} -> 1995), lower-case word
 * tokens without the year, and a heuristic series/franchise key ({@code "Toy Story 2 (1999)"} and
 * {@code "Toy Story 3 (2010)"} -> {@code "toy story"}).
 *
 * <p>The franchise key is a heuristic, since MovieLens has no series data: the part before a colon
 * if there is one, else the whole title; a leading article and a trailing sequel number (arabic or
 * roman) removed; then its first two words. Unrelated films can share a key ("The Man Who ...");
 * that only makes the franchise cap a little stricter.
 *
 * <p>Thread safety: stateless.
 */
public final class TitleParser {
  private static final Pattern YEAR = Pattern.compile("\\((\\d{4})(?:[-–]\\d{0,4})?\\)\\s*$");
  private static final Pattern TOKEN = Pattern.compile("[\\p{L}\\p{N}']+");
  private static final Pattern SEQUEL = Pattern.compile("\\s+(\\d{1,2}|i{1,3}|iv|v|vi{1,3})$");

  private TitleParser() {}

  /**
   * @param title a MovieLens title
   * @return its release year, or {@link Catalog#UNKNOWN_YEAR} when the title has none
   */
  public static int year(String title) {
    Matcher m = YEAR.matcher(title);
    return m.find() ? Integer.parseInt(m.group(1)) : Catalog.UNKNOWN_YEAR;
  }

  /** The title without its trailing year. */
  public static String stripYear(String title) {
    return YEAR.matcher(title).replaceFirst("").trim();
  }

  /** Lower-case word tokens of the title, year removed. */
  public static List<String> tokens(String title) {
    List<String> out = new ArrayList<>();
    Matcher m = TOKEN.matcher(stripYear(title).toLowerCase(Locale.ROOT));
    while (m.find()) {
      out.add(m.group());
    }
    return out;
  }

  /**
   * The heuristic series/franchise key (see the class comment).
   *
   * @param title a MovieLens title
   * @return a non-empty lower-case key
   */
  public static String franchiseKey(String title) {
    String t = stripYear(title).toLowerCase(Locale.ROOT);
    // MovieLens moves articles to the end: "Matrix, The" -> drop ", the"
    t = t.replaceAll(",\\s*(the|a|an)$", "");
    int colon = t.indexOf(':');
    if (colon > 0) {
      t = t.substring(0, colon);
    }
    t = t.replaceAll("^(the|a|an)\\s+", "").trim();
    t = SEQUEL.matcher(t).replaceFirst("");
    List<String> words = new ArrayList<>();
    Matcher m = TOKEN.matcher(t);
    while (m.find() && words.size() < 2) {
      words.add(m.group());
    }
    return words.isEmpty() ? t.isEmpty() ? title : t : String.join(" ", words);
  }
}
