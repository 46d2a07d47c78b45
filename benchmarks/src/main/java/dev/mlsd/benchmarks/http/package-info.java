/**
 * The measurement behind the choice of HTTP server (Jetty 12 against the JDK's {@code
 * com.sun.net.httpserver}): {@link dev.mlsd.benchmarks.http.ServerComparison} loads one candidate
 * per JVM with the toy pipeline behind it and probes it with stalled clients. Results and the
 * choice: {@code docs/http-server.md}.
 *
 * <p>Book: chapter 1, "Serving"; chapter 8 (the 10 ms budget).
 */
package dev.mlsd.benchmarks.http;
