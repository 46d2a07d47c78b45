package dev.mlsd.videosearch.serving;

/**
 * One of the two searches the fusion layer combines: the text search (BM25) or the learned search
 * (embeddings and ANN). Returns its best videos for a query, best first, with its own scores.
 *
 * <p>Thread safety: implementations may be called from many threads at once.
 *
 * <p>Book: chapter 4, "Serving" (text search and visual search run in parallel).
 */
public interface SearchComponent {
  /**
   * Searches.
   *
   * @param query the raw query text
   * @param depth the most videos to return, at least 1
   * @param ids receives video ids, best first, no repeats
   * @param scores receives the component's scores, same order
   * @return how many were written
   * @throws IllegalArgumentException if the query cannot be searched (no searchable word)
   */
  int search(String query, int depth, int[] ids, float[] scores);
}
