package dev.mlsd.videosearch.evaluation;

import dev.mlsd.videosearch.data.SearchQuery;

/**
 * One search system as the evaluation sees it: a query in, up to {@code depth} video ids out, best
 * first. A video not returned counts as not found (reciprocal rank 0), for every system alike.
 *
 * <p>Thread safety: called from one thread.
 */
@FunctionalInterface
public interface Retriever {
  /**
   * Ranks the catalogue for one query.
   *
   * @param query the query (its {@code videoId} is the answer; a retriever must not read it)
   * @param depth the most ids to return, at least 1
   * @param ids receives the ids, best first, no repeats; at least {@code depth} long
   * @return how many ids were written
   */
  int retrieve(SearchQuery query, int depth, int[] ids);
}
