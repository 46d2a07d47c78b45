package dev.mlsd.benchmarks.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.mlsd.core.http.BadRequestException;
import dev.mlsd.core.http.Json;
import dev.mlsd.core.toy.ToyRequest;
import dev.mlsd.core.toy.ToyService;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The contender to Jetty in {@link ServerComparison}: the JDK's {@code com.sun.net.httpserver}
 * serving the toy {@code POST /rank} and {@code GET /health}, in two set-ups.
 *
 * <ul>
 *   <li>{@code jdk-today}: what {@code JsonServer} was before: a fixed pool of worker threads with
 *       an unbounded queue, no read deadline, no connection cap.
 *   <li>{@code jdk-robust}: the JDK server made as robust as it allows: every exchange on its own
 *       virtual thread (a stalled client costs a virtual thread, not a worker), the request-read
 *       deadline {@code sun.net.httpserver.maxReqTime} and the connection cap {@code
 *       jdk.httpserver.maxConnections} (set by {@link ServerComparison} before the server class
 *       loads), and the pipeline run on a bounded pool of platform workers (so its per-thread
 *       scratch is reused) whose full queue answers 503 with {@code Retry-After}.
 * </ul>
 *
 * <p>Benchmark code only; the project serves with {@code JsonServer}.
 */
final class JdkHttpCandidate implements AutoCloseable {
  private final HttpServer server;
  private final ExecutorService exchanges;
  private final ThreadPoolExecutor workers;
  private final ToyService service;
  private final boolean robust;
  private final ObjectMapper json = Json.mapper();

  JdkHttpCandidate(ToyService service, boolean robust, int threads, int queue) throws IOException {
    this.service = service;
    this.robust = robust;
    this.workers =
        new ThreadPoolExecutor(
            threads,
            threads,
            0,
            TimeUnit.SECONDS,
            robust ? new ArrayBlockingQueue<>(queue) : new LinkedBlockingQueue<>(),
            r -> {
              Thread t = new Thread(r, "jdk-worker");
              t.setDaemon(true);
              return t;
            });
    this.exchanges = robust ? Executors.newVirtualThreadPerTaskExecutor() : workers;
    this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 128);
    server.setExecutor(exchanges);
    server.createContext("/", this::handle);
    server.start();
  }

  URI uri() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  int port() {
    return server.getAddress().getPort();
  }

  private void handle(HttpExchange ex) throws IOException {
    try (ex) {
      String path = ex.getRequestURI().getPath();
      if (path.equals("/health")) {
        send(ex, 200, json.writeValueAsBytes(Map.of("status", "ok")));
        return;
      }
      if (!path.equals("/rank") || !ex.getRequestMethod().equals("POST")) {
        send(ex, 404, json.writeValueAsBytes(Map.of("error", "no endpoint")));
        return;
      }
      byte[] body;
      try (InputStream in = ex.getRequestBody()) {
        body = in.readNBytes(64 * 1024);
      }
      if (!robust) {
        send(ex, 200, rank(body));
        return;
      }
      Future<byte[]> answer;
      try {
        answer = workers.submit(() -> rank(body));
      } catch (RejectedExecutionException e) {
        ex.getResponseHeaders().set("Retry-After", "1");
        send(ex, 503, json.writeValueAsBytes(Map.of("error", "over capacity")));
        return;
      }
      try {
        send(ex, 200, answer.get());
      } catch (ExecutionException e) {
        send(ex, 400, json.writeValueAsBytes(Map.of("error", String.valueOf(e.getCause()))));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  private byte[] rank(byte[] body) throws IOException {
    try {
      return json.writeValueAsBytes(service.handle(json.readValue(body, ToyRequest.class)));
    } catch (BadRequestException e) {
      return json.writeValueAsBytes(Map.of("error", e.getMessage()));
    }
  }

  private static void send(HttpExchange ex, int status, byte[] bytes) throws IOException {
    ex.getResponseHeaders().set("Content-Type", "application/json");
    ex.sendResponseHeaders(status, bytes.length);
    ex.getResponseBody().write(bytes);
  }

  @Override
  public void close() {
    server.stop(0);
    workers.shutdownNow();
    exchanges.shutdownNow();
  }
}
