package dev.mlsd.videosearch.serving;

import dev.mlsd.videosearch.features.TextNormalizer;

/**
 * One search: the query text the client sent and, once {@link QueryEmbedding} has run, the query's
 * embedding. Built by {@link #of}, which refuses what cannot be searched.
 *
 * <p>Thread safety: one request per thread; the embedding is written once by the query hydration
 * stage and only read afterwards.
 *
 * <p>Book: chapter 4, "Serving".
 */
public final class SearchRequest {
  /** The longest query accepted, in characters (a few sentences; Lucene is never asked more). */
  public static final int MAX_QUERY_CHARS = 256;

  /** The most results one request may ask for. */
  public static final int MAX_K = 100;

  private final String text;
  private final float[] embedding;

  private SearchRequest(String text, int dimension) {
    this.text = text;
    this.embedding = new float[dimension];
  }

  /**
   * A validated request.
   *
   * @param text the query as typed
   * @param k how many results
   * @param dimension the query embedding's width
   * @throws IllegalArgumentException with a one-line reason: empty, longer than {@value
   *     #MAX_QUERY_CHARS} characters, no letter or digit, or k outside [1, {@value #MAX_K}]
   */
  public static SearchRequest of(String text, int k, int dimension) {
    if (text == null || text.isBlank()) {
      throw new IllegalArgumentException("q is empty: type a few words");
    }
    if (text.length() > MAX_QUERY_CHARS) {
      throw new IllegalArgumentException(
          "q is " + text.length() + " characters long; the limit is " + MAX_QUERY_CHARS);
    }
    if (k < 1 || k > MAX_K) {
      throw new IllegalArgumentException("k must be in [1, " + MAX_K + "], got " + k);
    }
    if (TextNormalizer.normalize(text).isEmpty()) {
      throw new IllegalArgumentException("q has no searchable words (letters or digits)");
    }
    return new SearchRequest(text, dimension);
  }

  /** The query text as typed. */
  public String text() {
    return text;
  }

  /** The query embedding (written by {@link QueryEmbedding}). */
  public float[] embedding() {
    return embedding;
  }
}
