package dev.mlsd.core.http;

/**
 * One JSON endpoint of a module: takes the parsed, validated request and returns the response
 * object, which Jackson writes as JSON (a record is the usual choice).
 *
 * <p>Validation belongs in the request record's compact constructor (see {@link Validation}); the
 * handler throws {@link BadRequestException} (e.g. {@link BadRequestException#unknownId}) for input
 * it cannot serve. Anything else, a plain {@link IllegalArgumentException} included, is a server
 * error (500), counted and logged as such.
 *
 * <p>Thread safety: called from the server's worker threads at once; must be thread-safe.
 *
 * @param <I> the request type, a record Jackson can bind
 */
@FunctionalInterface
public interface JsonHandler<I> {
  /**
   * @param request the parsed and validated request body
   * @return the response body, written as JSON with status 200
   */
  Object handle(I request);
}
