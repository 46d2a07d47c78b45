package dev.mlsd.harmful.features;

import java.util.Arrays;

/**
 * One thread's working memory for {@link Featurizer}: the normalised text, token boundaries, the
 * hashed n-gram ids and the dense signals of the post being featurised. Made once per thread,
 * overwritten by every {@link Featurizer#featurize} call; valid until that thread's next call.
 *
 * <p>Thread safety: none; one per thread.
 */
public final class FeatureScratch {
  /** The most n-gram ids a post yields; later ones are dropped (counted in {@link #truncated}). */
  public static final int MAX_IDS = 4096;

  /** The most tokens a post yields. */
  public static final int MAX_TOKENS = TextNormalizer.MAX_OUTPUT;

  final char[] text = new char[TextNormalizer.MAX_OUTPUT];
  int textLength;
  final int[] tokenStarts = new int[MAX_TOKENS];
  final int[] tokenEnds = new int[MAX_TOKENS];
  int tokens;
  final CharWindow window = new CharWindow();
  final char[] word = new char[TextNormalizer.MAX_OUTPUT];

  /** The post's hashed n-gram bucket ids, {@link #idCount} of them, then -1 padding. */
  public final int[] ids = new int[MAX_IDS];

  /** How many of {@link #ids} are real. */
  public int idCount;

  /** Whether the post had more n-grams than {@link #MAX_IDS}. */
  public boolean truncated;

  /** The dense features of every dense family, side by side. */
  public final float[] dense;

  FeatureScratch(int denseWidth) {
    this.dense = new float[denseWidth];
    Arrays.fill(ids, -1);
  }

  /** The normalised text (allocates; for tests and display). */
  public String normalizedText() {
    return new String(text, 0, textLength);
  }
}
