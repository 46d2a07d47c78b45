package dev.mlsd.videosearch.serving;

import dev.mlsd.core.http.JsonServer;
import java.io.IOException;

/**
 * The video-search HTTP server on core's {@link JsonServer}, bound to 127.0.0.1:
 *
 * <ul>
 *   <li>{@code GET /v1/search?q=...&k=10}: the served pipeline's top k, each result with the fused
 *       score and each search's score and rank (null when that search did not return it); 400 with
 *       a reason for an empty query, one over {@value SearchRequest#MAX_QUERY_CHARS} characters,
 *       one without a letter or digit (Lucene syntax is searched as words, never parsed), or k
 *       outside [1, {@value SearchRequest#MAX_K}];
 *   <li>{@code POST /v1/videos} ({@link NewVideo}): indexes a video in Lucene, the ANN index and
 *       the catalogue, searchable on return;
 *   <li>{@code /health}, {@code /metrics} (per-stage latency of the pipeline), from core.
 * </ul>
 *
 * <p>Thread safety: the server is thread-safe.
 *
 * <p>Book: chapter 4, "Serving".
 */
public final class VideoSearchServer {
  private VideoSearchServer() {}

  /**
   * Starts the server.
   *
   * @param service the endpoints' logic
   * @param indexer for /health
   * @param port the port, 0 for any free one
   */
  public static JsonServer start(
      SearchService service, VideoIndexer indexer, SearchPipelinesInfo info, int port)
      throws IOException {
    return JsonServer.builder("video-search")
        .port(port)
        .getWithQuery("/v1/search", (rest, query) -> service.search(query))
        .post("/v1/videos", NewVideo.class, service::add)
        .health("videos", () -> indexer.catalogue().size())
        .health("fusion", info::fusion)
        .pipeline(info.pipeline())
        .start();
  }

  /** What /health and /metrics describe. */
  public record SearchPipelinesInfo(
      dev.mlsd.core.serving.ServingPipeline<SearchRequest> pipeline, String fusion) {}
}
