package dev.mlsd.videosearch.serving;

import dev.mlsd.core.serving.QueryHydrator;

/**
 * Query hydration: encodes the query text with the text tower into the request's embedding, once
 * per request, before either search runs.
 *
 * <p>Thread safety: thread-safe (the encoder keeps its scratch per thread).
 *
 * <p>Book: chapter 4, "Serving" (the text encoder at query time).
 */
public final class QueryEmbedding implements QueryHydrator<SearchRequest> {
  private final QueryEncoder encoder;

  /**
   * @param encoder the text tower
   */
  public QueryEmbedding(QueryEncoder encoder) {
    this.encoder = encoder;
  }

  @Override
  public void hydrate(SearchRequest query) {
    encoder.encode(query.text(), query.embedding());
  }
}
