package dev.mlsd.videosearch.serving;

import dev.mlsd.core.http.BadRequestException;
import dev.mlsd.core.serving.Candidates;
import dev.mlsd.core.serving.ServingPipeline;
import dev.mlsd.videosearch.model.TextSearchIndex;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What the HTTP endpoints do, without HTTP: parse and validate a search, run the served pipeline,
 * and describe each result with both searches' views; add a video through the indexing pipeline.
 * Input problems are {@link BadRequestException}s (400); anything else that fails is the server's
 * fault and surfaces as such (500), never as a 400.
 *
 * <p>Thread safety: thread-safe.
 *
 * <p>Book: chapter 4, "Serving".
 */
public final class SearchService {
  /** The default number of results. */
  public static final int DEFAULT_K = 10;

  private final ServingPipeline<SearchRequest> pipeline;
  private final VideoIndexer indexer;
  private final int dimension;

  /**
   * @param pipeline the served pipeline (text search is generator 0, learned search 1)
   * @param indexer the indexing pipeline
   * @param dimension the query embedding's width
   */
  public SearchService(
      ServingPipeline<SearchRequest> pipeline, VideoIndexer indexer, int dimension) {
    this.pipeline = pipeline;
    this.indexer = indexer;
    this.dimension = dimension;
  }

  /** One result as the API returns it. */
  public record Hit(
      int id,
      String name,
      String uploader,
      String text,
      float score,
      Float textScore,
      Integer textRank,
      Float learnedScore,
      Integer learnedRank) {}

  /** A search's answer. */
  public record Results(String query, int k, List<Hit> results) {}

  /** The answer to {@code POST /v1/videos}. */
  public record Added(int id, String name, int videos) {}

  /**
   * {@code GET /v1/search?q=...&k=10}.
   *
   * @param query the decoded query parameters
   */
  public Results search(Map<String, String> query) {
    String q = query.get("q");
    int k = DEFAULT_K;
    String ks = query.get("k");
    if (ks != null) {
      try {
        k = Integer.parseInt(ks.trim());
      } catch (NumberFormatException e) {
        throw BadRequestException.badRequest("k must be an integer, got '" + ks + "'");
      }
    }
    SearchRequest request;
    try {
      request = SearchRequest.of(q, k, dimension);
    } catch (IllegalArgumentException e) {
      throw BadRequestException.badRequest(e.getMessage());
    }
    Candidates top;
    try {
      top = pipeline.run(request, k);
    } catch (TextSearchIndex.NoSearchableWords e) {
      throw BadRequestException.badRequest(e.getMessage());
    } catch (IllegalArgumentException e) {
      throw new IllegalStateException("search failed: " + e.getMessage(), e);
    }
    VideoCatalogue c = indexer.catalogue();
    List<Hit> hits = new ArrayList<>(top.size());
    for (int p = 0; p < top.size(); p++) {
      int id = top.id(p);
      int tr = top.generatorRank(p, 0);
      int lr = top.generatorRank(p, 1);
      hits.add(
          new Hit(
              id,
              c.name(id),
              uploaderName(c.name(id)),
              c.text(id),
              top.score(p),
              tr < 0 ? null : top.generatorScore(p, 0),
              tr < 0 ? null : tr + 1,
              lr < 0 ? null : top.generatorScore(p, 1),
              lr < 0 ? null : lr + 1));
    }
    return new Results(q, k, hits);
  }

  /** {@code POST /v1/videos}. */
  public Added add(NewVideo v) {
    try {
      int id = indexer.add(v.name(), v.uploaderOrDefault(), v.text(), !v.isHidden());
      return new Added(id, v.name(), indexer.catalogue().size());
    } catch (IllegalArgumentException e) {
      throw BadRequestException.badRequest(e.getMessage());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String uploaderName(String name) {
    int cut = name.indexOf('_');
    return cut > 0 ? name.substring(0, cut) : "";
  }
}
