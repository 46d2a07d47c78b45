/**
 * The HTTP edge of every served module: {@link dev.mlsd.core.http.JsonServer} on the JDK's {@code
 * com.sun.net.httpserver}, bound to 127.0.0.1 by default, with {@code GET /health}, {@code GET
 * /metrics} (Prometheus text through Micrometer) and the module's own JSON endpoints, parsed and
 * validated by Jackson. Bad input (malformed JSON, wrong types, unknown fields, out-of-range
 * values, over-long lists, unknown ids, bodies over the size limit) gets a 4xx with a one-line
 * reason, never a 500. {@link dev.mlsd.core.http.LoadGenerator} holds a fixed request rate against
 * an endpoint and reports latency percentiles.
 *
 * <p>Book: chapter 1, "Serving" (online prediction behind an endpoint).
 */
package dev.mlsd.core.http;
