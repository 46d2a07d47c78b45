/**
 * The HTTP edge of every served module: {@link dev.mlsd.core.http.JsonServer} on Jetty 12 (chosen
 * by measurement, {@code docs/http-server.md}), bound to 127.0.0.1 by default, with {@code GET
 * /health}, {@code GET /metrics} (Prometheus text through Micrometer) and the module's own JSON
 * endpoints, parsed and validated by Jackson. Slow clients hold connections, never workers (idle
 * timeout, header and body deadlines, connection cap); past its capacity the server answers 503
 * with {@code Retry-After} instead of queueing without bound, refusing at once while its queue's
 * oldest request has waited too long. Bad input (malformed JSON, wrong types, unknown fields,
 * out-of-range values, over-long lists, unknown ids, bodies over the size limit) gets a 4xx with a
 * one-line JSON reason through {@link dev.mlsd.core.http.BadRequestException}; any other failure is
 * a 500, counted and logged. {@link dev.mlsd.core.http.LoadGenerator} holds a fixed request rate
 * against an endpoint (open loop, raw non-blocking sockets, optionally in a JVM of its own) and
 * reports latency percentiles, 503s apart.
 *
 * <p>Book: chapter 1, "Serving" (online prediction behind an endpoint).
 */
package dev.mlsd.core.http;
