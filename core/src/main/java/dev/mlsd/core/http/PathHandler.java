package dev.mlsd.core.http;

import java.util.Map;

/**
 * A GET endpoint with parameters in the path and the query string, e.g. {@code GET
 * /v1/users/42/recommendations?k=10}: declared by its path prefix ({@code "/v1/users/"}) with
 * {@link JsonServer.Builder#getPrefix}; the handler parses the rest of the path itself.
 *
 * <p>Like {@link JsonHandler}: throw {@link BadRequestException} (400, or 404 via {@link
 * BadRequestException#unknownId}) for input it cannot serve; anything else, a plain {@link
 * IllegalArgumentException} included, is a 500.
 *
 * <p>Thread safety: called from the server's worker threads at once; must be thread-safe.
 */
@FunctionalInterface
public interface PathHandler {
  /**
   * @param rest the decoded path after the prefix, e.g. {@code "42/recommendations"}
   * @param query the decoded query parameters (the last value wins when one repeats)
   * @return the response body, written as JSON with status 200
   */
  Object handle(String rest, Map<String, String> query);
}
