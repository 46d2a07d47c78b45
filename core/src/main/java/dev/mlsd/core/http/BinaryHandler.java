package dev.mlsd.core.http;

import java.util.Map;

/**
 * A POST endpoint whose body is bytes of a declared media type (an image upload), declared with
 * {@link JsonServer.Builder#postBinary}; the answer is JSON.
 *
 * <p>Like {@link JsonHandler}: throw {@link BadRequestException} for input it cannot serve;
 * anything else, a plain {@link IllegalArgumentException} included, is a 500.
 *
 * <p>Thread safety: called from the server's worker threads at once; must be thread-safe.
 */
@FunctionalInterface
public interface BinaryHandler {
  /**
   * @param body the request body; only {@code body[0, length)} is the request (a handler must not
   *     rely on the array outliving the call)
   * @param length the body's length in bytes, at least 1
   * @param mediaType the request's media type, lower case, one of those declared
   * @param query the decoded query parameters
   * @return the response body, written as JSON with status 200
   */
  Object handle(byte[] body, int length, String mediaType, Map<String, String> query);
}
