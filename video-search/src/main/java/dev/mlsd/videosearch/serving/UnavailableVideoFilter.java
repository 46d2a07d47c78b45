package dev.mlsd.videosearch.serving;

import dev.mlsd.core.serving.Filter;

/**
 * Business rule: a removed or private video is never shown.
 *
 * <p>Thread safety: thread-safe (reads the catalogue's published flags).
 *
 * <p>Book: chapter 4, "Re-ranking service" (filters: policy, privacy).
 */
public final class UnavailableVideoFilter implements Filter<SearchRequest> {
  private final VideoCatalogue catalogue;

  /**
   * @param catalogue where availability is kept
   */
  public UnavailableVideoFilter(VideoCatalogue catalogue) {
    this.catalogue = catalogue;
  }

  @Override
  public boolean keep(SearchRequest query, int candidateId) {
    return catalogue.available(candidateId);
  }
}
