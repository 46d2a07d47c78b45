package dev.mlsd.core.http;

import java.util.Map;

/**
 * A GET endpoint answering bytes that are not JSON (a web page, an image), declared with {@link
 * JsonServer.Builder#getRaw} or {@link JsonServer.Builder#getRawPrefix}.
 *
 * <p>Like {@link PathHandler}: throw {@link BadRequestException} (400, or 404 via {@link
 * BadRequestException#unknownId}) for input it cannot serve, answered as a JSON error; anything
 * else, a plain {@link IllegalArgumentException} included, is a 500.
 *
 * <p>Thread safety: called from the server's worker threads at once; must be thread-safe.
 */
@FunctionalInterface
public interface RawHandler {
  /**
   * A response body and its content type.
   *
   * @param contentType e.g. {@code "image/png"} or {@code "text/html; charset=utf-8"}
   * @param body the bytes (not copied)
   */
  record Response(String contentType, byte[] body) {}

  /**
   * @param rest the decoded path after the prefix (empty for an exact path)
   * @param query the decoded query parameters (the last value wins when one repeats)
   * @return the response, sent with status 200
   */
  Response handle(String rest, Map<String, String> query);
}
