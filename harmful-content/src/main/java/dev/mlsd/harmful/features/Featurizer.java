package dev.mlsd.harmful.features;

import dev.mlsd.harmful.data.Post;
import java.util.ArrayList;
import java.util.List;

/**
 * The one featuriser for training and serving (early fusion): normalise the text ({@link
 * TextNormalizer}), split it into tokens ({@link Tokenizer}), hash its n-grams ({@link
 * HashedNgrams}, the text family), then run every {@link DenseFeatureFamily} in order and place
 * their floats side by side. Training calls {@link #encode} over a list of posts; serving calls
 * {@link #featurize} per post; both run the same code, and {@code FeaturizerSkewTest} checks they
 * agree bit for bit.
 *
 * <p>Families in this module: the hashed text n-grams, {@link PostSignals}, {@link TweetSignals}
 * and, as an option, {@link PooledWordVectors} (pretrained word vectors). The book also fuses image
 * and video embeddings, author features and user reactions; each would be one more {@link
 * DenseFeatureFamily} in the list given to the constructor.
 *
 * <p>Thread safety: immutable; each thread uses its own {@link FeatureScratch} from {@link
 * #newScratch()}. {@link #featurize} allocates nothing.
 *
 * <p>Book: chapter 5, "Feature engineering" and "Feature fusion".
 */
public final class Featurizer {
  private final FeatureParams params;
  private final HashedNgrams text;
  private final List<DenseFeatureFamily> dense;
  private final int denseWidth;

  /**
   * The module's featuriser: hashed n-grams, {@link PostSignals} on the bundled lexicon, and {@link
   * TweetSignals} (Davidson et al.'s tagger-free extras; chosen on validation, where they raised
   * the network's hate PR-AUC by about 0.01 at both seeds tried).
   */
  public static Featurizer standard(FeatureParams params) {
    return new Featurizer(
        params, List.of(new PostSignals(ProfanityLexicon.bundled()), TweetSignals.bundled()));
  }

  /**
   * The module's featuriser with one more family at the fusion point: the post's words pooled over
   * a pretrained {@link WordVectors} table ({@link PooledWordVectors}), after the signals.
   */
  public static Featurizer withWordVectors(FeatureParams params, WordVectors table) {
    return new Featurizer(
        params,
        List.of(
            new PostSignals(ProfanityLexicon.bundled()),
            TweetSignals.bundled(),
            new PooledWordVectors(table)));
  }

  /** A featuriser over the text family and the given dense families, in order. */
  public Featurizer(FeatureParams params, List<DenseFeatureFamily> dense) {
    this.params = params;
    this.text = new HashedNgrams(params);
    this.dense = List.copyOf(dense);
    int w = 0;
    for (DenseFeatureFamily f : dense) {
      w += f.featureNames().size();
    }
    this.denseWidth = w;
  }

  /** A scratch for one thread. */
  public FeatureScratch newScratch() {
    return new FeatureScratch(denseWidth);
  }

  /**
   * Featurises one post into {@code s}: its ids ({@code s.ids}, {@code s.idCount}, -1 padded) and
   * its dense row ({@code s.dense}).
   */
  public void featurize(CharSequence raw, FeatureScratch s) {
    s.textLength = TextNormalizer.normalize(raw, s.text);
    s.tokens = Tokenizer.tokenize(s.text, s.textLength, s.tokenStarts, s.tokenEnds);
    text.compute(s);
    int offset = 0;
    for (int i = 0; i < dense.size(); i++) {
      DenseFeatureFamily f = dense.get(i);
      f.compute(raw, s, s.dense, offset);
      offset += f.featureNames().size();
    }
  }

  /** Featurises every post, in order, for training and offline evaluation. */
  public EncodedPosts encode(List<Post> posts) {
    List<String> texts = new ArrayList<>(posts.size());
    for (Post p : posts) {
      texts.add(p.text());
    }
    return encodeTexts(texts);
  }

  /** Featurises texts, in order. */
  public EncodedPosts encodeTexts(List<String> texts) {
    FeatureScratch s = newScratch();
    int n = texts.size();
    int[] offsets = new int[n + 1];
    int[] ids = new int[Math.max(16, n * 64)];
    float[] rows = new float[n * denseWidth];
    int truncated = 0;
    for (int i = 0; i < n; i++) {
      featurize(texts.get(i), s);
      if (offsets[i] + s.idCount > ids.length) {
        ids = java.util.Arrays.copyOf(ids, Math.max(ids.length * 2, offsets[i] + s.idCount));
      }
      System.arraycopy(s.ids, 0, ids, offsets[i], s.idCount);
      offsets[i + 1] = offsets[i] + s.idCount;
      System.arraycopy(s.dense, 0, rows, i * denseWidth, denseWidth);
      truncated += s.truncated ? 1 : 0;
    }
    return new EncodedPosts(
        n,
        params.buckets(),
        denseWidth,
        offsets,
        java.util.Arrays.copyOf(ids, offsets[n]),
        rows,
        truncated);
  }

  /** Hash buckets of the text family (the width of the n-gram part of the fused input). */
  public int buckets() {
    return params.buckets();
  }

  /** Floats per post from the dense families. */
  public int denseWidth() {
    return denseWidth;
  }

  /** The dense features' names, in order. */
  public List<String> denseNames() {
    List<String> names = new ArrayList<>();
    for (DenseFeatureFamily f : dense) {
      names.addAll(f.featureNames());
    }
    return names;
  }

  /** The families, for display: the text family first. */
  public List<String> familyNames() {
    List<String> names = new ArrayList<>();
    names.add("hashed-ngrams");
    for (DenseFeatureFamily f : dense) {
      names.add(f.name());
    }
    return names;
  }

  /** The parameters. */
  public FeatureParams params() {
    return params;
  }
}
