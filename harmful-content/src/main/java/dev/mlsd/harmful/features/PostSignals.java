package dev.mlsd.harmful.features;

import java.util.List;

/**
 * Signals the book lists among content features, computed from the post itself (this data has no
 * author or reactions):
 *
 * <ol>
 *   <li>{@code profane_rate}: the share of tokens in the {@link ProfanityLexicon}, in [0, 1];
 *   <li>{@code caps_ratio}: upper-case letters over letters in the raw text, in [0, 1] (0 without
 *       letters);
 *   <li>{@code mentions}: {@code ln(1 + number of @mentions)} in the raw text;
 *   <li>{@code length}: {@code ln(1 + raw length in chars) / ln(1 + 1000)}, about [0, 1].
 * </ol>
 *
 * <p>Fixed transforms, nothing learned from data, so there are no statistics to keep in sync.
 *
 * <p>Thread safety: immutable.
 */
public final class PostSignals implements DenseFeatureFamily {
  private static final List<String> NAMES =
      List.of("profane_rate", "caps_ratio", "mentions", "length");
  private static final double LOG_MAX_LENGTH = Math.log1p(TextNormalizer.MAX_CHARS);

  private final ProfanityLexicon lexicon;

  /** Signals using the given lexicon. */
  public PostSignals(ProfanityLexicon lexicon) {
    this.lexicon = lexicon;
  }

  @Override
  public String name() {
    return "post-signals";
  }

  @Override
  public List<String> featureNames() {
    return NAMES;
  }

  @Override
  public void compute(CharSequence raw, FeatureScratch s, float[] out, int offset) {
    int profane = 0;
    for (int k = 0; k < s.tokens; k++) {
      if (lexicon.contains(s.text, s.tokenStarts[k], s.tokenEnds[k], s.window)) {
        profane++;
      }
    }
    int n = Math.min(raw.length(), TextNormalizer.MAX_CHARS);
    int letters = 0;
    int upper = 0;
    int mentions = 0;
    for (int i = 0; i < n; i++) {
      char c = raw.charAt(i);
      if (Character.isLetter(c)) {
        letters++;
        if (Character.isUpperCase(c)) {
          upper++;
        }
      } else if (c == '@' && i + 1 < n && isHandleStart(raw.charAt(i + 1))) {
        mentions++;
      }
    }
    out[offset] = s.tokens == 0 ? 0f : (float) profane / s.tokens;
    out[offset + 1] = letters == 0 ? 0f : (float) upper / letters;
    out[offset + 2] = (float) Math.log1p(mentions);
    out[offset + 3] = (float) (Math.log1p(raw.length()) / LOG_MAX_LENGTH);
  }

  private static boolean isHandleStart(char c) {
    return Character.isLetterOrDigit(c) || c == '_';
  }
}
