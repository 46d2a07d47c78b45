package dev.mlsd.core.http;

/**
 * A POST endpoint with an id in the path and a JSON body, e.g. {@code POST /v1/reviews/42} with
 * {@code {"decision": "hate"}}: declared by its path prefix with {@link
 * JsonServer.Builder#postPrefix}; the handler parses the rest of the path itself.
 *
 * <p>Like {@link JsonHandler}: throw {@link BadRequestException} (400, or 404 via {@link
 * BadRequestException#unknownId}) for input it cannot serve; anything else, a plain {@link
 * IllegalArgumentException} included, is a 500. The body was validated by its record's constructor
 * before the call (a refusal there is a 400).
 *
 * <p>Thread safety: called from the server's worker threads at once; must be thread-safe.
 *
 * @param <I> the request record type
 */
@FunctionalInterface
public interface PathBodyHandler<I> {
  /**
   * @param rest the decoded path after the prefix, e.g. {@code "42"}
   * @param body the parsed, validated request body
   * @return the response body, written as JSON with status 200
   */
  Object handle(String rest, I body);
}
