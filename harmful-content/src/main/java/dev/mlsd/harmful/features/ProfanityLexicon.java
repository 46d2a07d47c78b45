package dev.mlsd.harmful.features;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A word list of profanity and slurs, written for this project (resource {@code profanity.txt}: one
 * word per line, {@code #} comments; see its header for what is in it and why). Words are
 * normalised like post text (lower case, repeated letters collapsed) and kept as sorted 32-bit
 * hashes (core's Murmur3; the lexicon is far too small for a collision to matter), so a token is
 * looked up by its hash without building a string.
 *
 * <p>The same lookup serves {@link TweetSignals}' sentiment word lists.
 *
 * <p>Thread safety: immutable.
 *
 * <p>Book: chapter 5, "Feature engineering" (content signals computed from the post).
 */
public final class ProfanityLexicon {
  /** The seed of the lexicon's token hash. */
  static final int SEED = 0x5eed;

  private final int[] hashes;
  private final int size;

  private ProfanityLexicon(int[] sortedHashes, int size) {
    this.hashes = sortedHashes;
    this.size = size;
  }

  /** The bundled lexicon. */
  public static ProfanityLexicon bundled() {
    return of(resourceWords("profanity.txt"));
  }

  /**
   * The words of a bundled word-list resource next to this class: one per line, blank lines and
   * {@code #} comments skipped.
   */
  static List<String> resourceWords(String name) {
    try (InputStream in = ProfanityLexicon.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException("resource " + name + " is missing");
      }
      List<String> words = new ArrayList<>();
      BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      for (String line = r.readLine(); line != null; line = r.readLine()) {
        String w = line.strip();
        if (!w.isEmpty() && !w.startsWith("#")) {
          words.add(w);
        }
      }
      return words;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A lexicon of the given words. */
  public static ProfanityLexicon of(List<String> words) {
    int[] h = new int[words.size()];
    for (int i = 0; i < h.length; i++) {
      h[i] = FeatureHash.of(TextNormalizer.normalize(words.get(i)), SEED);
    }
    Arrays.sort(h);
    return new ProfanityLexicon(h, words.size());
  }

  /**
   * Whether {@code chars[from, to)} is in the lexicon; a leading {@code #} and surrounding
   * apostrophes are ignored.
   */
  public boolean contains(char[] chars, int from, int to) {
    return contains(chars, from, to, new CharWindow());
  }

  /** As {@link #contains(char[], int, int)}, through a reusable window (allocation-free). */
  boolean contains(char[] chars, int from, int to, CharWindow window) {
    while (from < to && (chars[from] == '#' || chars[from] == '\'')) {
      from++;
    }
    while (to > from && chars[to - 1] == '\'') {
      to--;
    }
    if (from == to) {
      return false;
    }
    return Arrays.binarySearch(hashes, FeatureHash.of(window.token(chars, from, to), SEED)) >= 0;
  }

  /** Whether a word is in the lexicon (normalised first; for tests). */
  public boolean contains(String word) {
    char[] c = TextNormalizer.normalize(word).toCharArray();
    return contains(c, 0, c.length);
  }

  /** The number of words. */
  public int size() {
    return size;
  }
}
