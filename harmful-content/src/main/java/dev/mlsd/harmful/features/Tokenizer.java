package dev.mlsd.harmful.features;

/**
 * Splits normalised text into word tokens: maximal runs of chars that are neither whitespace nor
 * ASCII punctuation, where {@code @}, {@code #} and the apostrophe count as word chars (so {@code
 * @user}, {@code #tag} and {@code don't} stay whole). Emoji and other non-ASCII symbols are word
 * chars too.
 *
 * <p>Allocation-free: token boundaries go into caller-owned arrays.
 *
 * <p>Thread safety: stateless.
 */
public final class Tokenizer {
  private Tokenizer() {}

  /**
   * Finds the tokens of {@code text[0, len)}.
   *
   * @param starts receives each token's first index
   * @param ends receives each token's end (exclusive)
   * @return the number of tokens, at most {@code starts.length} (later tokens are dropped)
   */
  public static int tokenize(char[] text, int len, int[] starts, int[] ends) {
    int count = 0;
    int i = 0;
    while (i < len && count < starts.length) {
      while (i < len && !isWordChar(text[i])) {
        i++;
      }
      if (i == len) {
        break;
      }
      int s = i;
      while (i < len && isWordChar(text[i])) {
        i++;
      }
      starts[count] = s;
      ends[count] = i;
      count++;
    }
    return count;
  }

  /** Whether {@code c} belongs to a word. */
  public static boolean isWordChar(char c) {
    if (Character.isWhitespace(c)) {
      return false;
    }
    if (c < 128 && !Character.isLetterOrDigit(c)) {
      return c == '@' || c == '#' || c == '\'';
    }
    return true;
  }
}
