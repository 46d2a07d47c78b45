package dev.mlsd.videosearch.serving;

import dev.mlsd.core.http.JsonServer;
import dev.mlsd.core.http.RawHandler;
import dev.mlsd.core.serving.ServingPipeline;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

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
 *   <li>{@code GET /}: the search page (type a query, see the results with the matched words, the
 *       fused score and each search's score and rank);
 *   <li>{@code /health}, {@code /metrics} (per-stage latency of the pipeline), from core.
 * </ul>
 *
 * <p>Thread safety: the server is thread-safe.
 *
 * <p>Book: chapter 4, "Serving".
 */
public final class VideoSearchServer {
  private static final String PAGE = "search.html";

  private VideoSearchServer() {}

  /** The search page's bytes, from the classpath (read once per call; it is a few kilobytes). */
  static byte[] page() {
    try (InputStream in = VideoSearchServer.class.getResourceAsStream(PAGE)) {
      if (in == null) {
        throw new IllegalStateException("the search page " + PAGE + " is missing from the jar");
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Starts the server.
   *
   * @param service the endpoints' logic
   * @param indexer for /health
   * @param served the pipeline and its fusion, for /health and /metrics
   * @param port the port, 0 for any free one
   */
  public static JsonServer start(
      SearchService service, VideoIndexer indexer, Served served, int port) throws IOException {
    return JsonServer.builder("video-search")
        .port(port)
        .getRaw("/", (rest, query) -> new RawHandler.Response("text/html; charset=utf-8", page()))
        .getWithQuery("/v1/search", (rest, query) -> service.search(query))
        .post("/v1/videos", NewVideo.class, service::add)
        .health("videos", () -> indexer.catalogue().size())
        .health("fusion", served::fusion)
        .pipeline(served.pipeline())
        .start();
  }

  /**
   * What {@code /health} and {@code /metrics} describe.
   *
   * @param pipeline the served pipeline (its stage latencies go to /metrics)
   * @param fusion a description of its fusion, for /health
   */
  public record Served(ServingPipeline<SearchRequest> pipeline, String fusion) {}
}
