package dev.mlsd.harmful.features;

import java.util.ArrayList;
import java.util.List;

/**
 * The pretrained text family: the post's words looked up in a frozen {@link WordVectors} table and
 * pooled, {@code 2 * dimensions + 1} floats:
 *
 * <ol>
 *   <li>{@code wv_mean_0 ..}: the mean of the vectors of the words the table has (0 if none);
 *   <li>{@code wv_max_0 ..}: their component-wise maximum (0 if none);
 *   <li>{@code wv_oov_rate}: the share of the post's words the table lacks, in [0, 1] (0 without
 *       words).
 * </ol>
 *
 * A word is a token of the normalised text without a leading {@code #} and without apostrophes (the
 * table spells {@code don't} as {@code dont}); {@code @user}, the normaliser's mention placeholder,
 * is not a word. The table is frozen: nothing is learned from this data, so training and serving
 * compute the same floats.
 *
 * <p>Thread safety: immutable; {@link #compute} allocates nothing (the word goes through the
 * scratch's buffer).
 *
 * <p>Book: chapter 5, "Feature engineering" (text content: a pretrained representation) and
 * "Feature fusion".
 */
public final class PooledWordVectors implements DenseFeatureFamily {
  private final WordVectors table;
  private final List<String> names;

  /** Pools the vectors of the given table. */
  public PooledWordVectors(WordVectors table) {
    this.table = table;
    List<String> n = new ArrayList<>();
    for (int d = 0; d < table.dimensions(); d++) {
      n.add("wv_mean_" + d);
    }
    for (int d = 0; d < table.dimensions(); d++) {
      n.add("wv_max_" + d);
    }
    n.add("wv_oov_rate");
    this.names = List.copyOf(n);
  }

  @Override
  public String name() {
    return "word-vectors";
  }

  @Override
  public List<String> featureNames() {
    return names;
  }

  @Override
  public void compute(CharSequence raw, FeatureScratch s, float[] out, int offset) {
    int dim = table.dimensions();
    float[] v = table.table();
    int mean = offset;
    int max = offset + dim;
    int words = 0;
    int found = 0;
    for (int k = 0; k < s.tokens; k++) {
      int len = word(s.text, s.tokenStarts[k], s.tokenEnds[k], s.word);
      if (len == 0) {
        continue;
      }
      words++;
      int row = table.row(s.word, 0, len);
      if (row < 0) {
        continue;
      }
      int base = row * dim;
      if (found == 0) {
        System.arraycopy(v, base, out, mean, dim);
        System.arraycopy(v, base, out, max, dim);
      } else {
        for (int d = 0; d < dim; d++) {
          float x = v[base + d];
          out[mean + d] += x;
          out[max + d] = Math.max(out[max + d], x);
        }
      }
      found++;
    }
    if (found == 0) {
      java.util.Arrays.fill(out, offset, offset + 2 * dim, 0f);
    } else {
      float inv = 1f / found;
      for (int d = 0; d < dim; d++) {
        out[mean + d] *= inv;
      }
    }
    out[offset + 2 * dim] = words == 0 ? 0f : (float) (words - found) / words;
  }

  /**
   * Copies the word of token {@code text[from, to)} into {@code word}: a leading {@code #} and
   * every apostrophe dropped; 0 for the mention placeholder or a token with nothing left.
   */
  static int word(char[] text, int from, int to, char[] word) {
    if (text[from] == '@') {
      return 0;
    }
    if (text[from] == '#') {
      from++;
    }
    int len = 0;
    for (int i = from; i < to; i++) {
      if (text[i] != '\'') {
        word[len++] = text[i];
      }
    }
    return len;
  }
}
