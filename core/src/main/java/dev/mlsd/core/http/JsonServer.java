package dev.mlsd.core.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.mlsd.core.featurestore.FeatureStore;
import dev.mlsd.core.monitoring.CalibrationMonitor;
import dev.mlsd.core.monitoring.DriftMonitor;
import dev.mlsd.core.monitoring.LatencyRecorder;
import dev.mlsd.core.monitoring.ServingMetrics;
import dev.mlsd.core.serving.ModelHolder;
import dev.mlsd.core.serving.ServingPipeline;
import dev.mlsd.core.serving.Stage;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * A module's HTTP server: {@code GET /health}, {@code GET /metrics} (Prometheus text) and the
 * module's JSON endpoints, on the JDK's {@code com.sun.net.httpserver} with a fixed pool of
 * platform worker threads (so per-thread scratch state is reused across requests).
 *
 * <pre>{@code
 * try (JsonServer server = JsonServer.builder("ad-ctr")
 *     .post("/rank", RankRequest.class, request -> ranker.rank(request))
 *     .model("dcn", modelHolder)
 *     .pipeline(pipeline)
 *     .featureStore("ad-features", store)
 *     .start()) {
 *   System.out.println("serving on " + server.uri());
 * }
 * }</pre>
 *
 * <p>Every answer is JSON; errors are {@code {"error": "one-line reason"}}. Statuses: 400 bad JSON,
 * wrong types, unknown or missing fields, out-of-range values or over-long lists (validated by the
 * request record and {@link Json}); 404 unknown path or unknown id ({@link
 * BadRequestException#unknownId}); 405 wrong method; 413 body over {@code maxBodyBytes}; 415 a
 * non-JSON content type; 500 only for a failure of the server itself, never for input.
 *
 * <p>Defaults: bound to 127.0.0.1, an ephemeral port, 4 worker threads, 64 KiB bodies. The server
 * sets {@code sun.net.httpserver.nodelay=true} (unless already set) so small responses are not held
 * back by Nagle's algorithm.
 *
 * <p>Thread safety: build on one thread; the running server is thread-safe; handlers are called
 * from many threads at once.
 *
 * <p>Book: chapter 1, "Serving"; chapter 8 (the 10 ms online prediction budget).
 */
public final class JsonServer implements AutoCloseable {
  static {
    if (System.getProperty("sun.net.httpserver.nodelay") == null) {
      System.setProperty("sun.net.httpserver.nodelay", "true");
    }
  }

  private static final byte[] EMPTY = new byte[0];
  private static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";

  private final String service;
  private final HttpServer server;
  private final ExecutorService workers;
  private final ServingMetrics metrics;
  private final int maxBodyBytes;
  private final Map<String, Route> routes;
  private final Map<String, Supplier<Object>> health;
  private final java.util.List<PrefixRoute> prefixRoutes;
  private final ThreadLocal<byte[]> bodyBuffer;
  private final ObjectMapper json = Json.mapper();

  private record Route(
      String path,
      String method,
      Class<?> type,
      JsonHandler<Object> handler,
      Supplier<Object> getter,
      boolean prometheus,
      LatencyRecorder latency,
      RawHandler raw,
      BinaryHandler binary,
      java.util.Set<String> binaryTypes) {
    Route(
        String path,
        String method,
        Class<?> type,
        JsonHandler<Object> handler,
        Supplier<Object> getter,
        boolean prometheus,
        LatencyRecorder latency) {
      this(path, method, type, handler, getter, prometheus, latency, null, null, null);
    }
  }

  private record PrefixRoute(
      String prefix, PathHandler handler, LatencyRecorder latency, RawHandler raw, String method) {
    PrefixRoute(String prefix, PathHandler handler, LatencyRecorder latency) {
      this(prefix, handler, latency, null, "GET");
    }
  }

  private JsonServer(Builder b) throws IOException {
    this.service = b.service;
    this.metrics = b.metrics;
    this.maxBodyBytes = b.maxBodyBytes;
    this.routes = Map.copyOf(b.routes);
    this.prefixRoutes = java.util.List.copyOf(b.prefixRoutes);
    this.health = new LinkedHashMap<>(b.health);
    this.bodyBuffer = ThreadLocal.withInitial(() -> new byte[maxBodyBytes + 1]);
    AtomicInteger threadNo = new AtomicInteger();
    this.workers =
        new ThreadPoolExecutor(
            b.threads,
            b.threads,
            0,
            TimeUnit.SECONDS,
            new LinkedBlockingQueue<>(),
            r -> {
              Thread t = new Thread(r, b.service + "-http-" + threadNo.incrementAndGet());
              t.setDaemon(true);
              return t;
            });
    this.server = HttpServer.create(new InetSocketAddress(b.host, b.port), b.backlog);
    server.setExecutor(workers);
    server.createContext("/", this::handle);
  }

  /**
   * Starts declaring a server.
   *
   * @param service the module's name, shown on {@code /health} and used for thread names
   */
  public static Builder builder(String service) {
    return new Builder(service);
  }

  /** The bound port. */
  public int port() {
    return server.getAddress().getPort();
  }

  /** {@code http://host:port}. */
  public URI uri() {
    InetSocketAddress a = server.getAddress();
    return URI.create("http://" + a.getHostString() + ":" + a.getPort());
  }

  /** The metrics behind {@code /metrics}. */
  public ServingMetrics metrics() {
    return metrics;
  }

  /** Stops accepting, waits up to one second for requests in flight, and stops the workers. */
  @Override
  public void close() {
    server.stop(1);
    workers.shutdown();
    try {
      workers.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void handle(HttpExchange ex) throws IOException {
    long t0 = System.nanoTime();
    String path = ex.getRequestURI().getPath();
    Route route = routes.get(path);
    if (route == null) {
      PrefixRoute matched = null;
      for (PrefixRoute p : prefixRoutes) {
        if (path.startsWith(p.prefix()) && path.length() > p.prefix().length()) {
          if (p.method().equals(ex.getRequestMethod())) {
            matched = p;
            break;
          }
          matched = matched == null ? p : matched; // a 405 names the first prefix's method
        }
      }
      if (matched != null) {
        handlePrefix(ex, matched, path, t0);
        return;
      }
    }
    String endpoint = route == null ? "unknown" : path;
    int status;
    try {
      if (route == null) {
        status = sendError(ex, 404, "no endpoint " + Json.oneLine(path));
      } else if (!route.method().equals(ex.getRequestMethod())) {
        ex.getResponseHeaders().set("Allow", route.method());
        status =
            sendError(
                ex,
                405,
                path + " takes " + route.method() + ", not " + Json.oneLine(ex.getRequestMethod()));
      } else if (route.prometheus()) {
        status = send(ex, 200, PROMETHEUS_TEXT, metrics.scrape().getBytes(StandardCharsets.UTF_8));
      } else if (route.getter() != null) {
        status = sendJson(ex, 200, route.getter().get());
      } else if (route.raw() != null) {
        status = sendRaw(ex, route.raw(), "");
      } else {
        status = handlePost(ex, route);
      }
    } catch (IOException e) {
      // the client went away mid-answer; nothing more can be sent
      status = 499;
    } catch (RuntimeException e) {
      status = trySendError(ex, 500, "internal error");
    } finally {
      ex.close();
    }
    metrics.countRequest(endpoint, status);
    if (route != null) {
      route.latency().recordNanos(System.nanoTime() - t0);
    }
  }

  private int handlePost(HttpExchange ex, Route route) throws IOException {
    String type = ex.getRequestHeaders().getFirst("Content-Type");
    String mediaType =
        type == null ? null : type.split(";", 2)[0].trim().toLowerCase(java.util.Locale.ROOT);
    if (route.binary() != null) {
      if (mediaType == null || !route.binaryTypes().contains(mediaType)) {
        return sendError(
            ex,
            415,
            "Content-Type must be one of "
                + new java.util.TreeSet<>(route.binaryTypes())
                + ", got "
                + (type == null ? "none" : Json.oneLine(type)));
      }
    } else if (type != null
        && !type.toLowerCase(java.util.Locale.ROOT).startsWith("application/json")) {
      return sendError(ex, 415, "Content-Type must be application/json, got " + Json.oneLine(type));
    }
    String declared = ex.getRequestHeaders().getFirst("Content-Length");
    if (declared != null) {
      try {
        if (Long.parseLong(declared.trim()) > maxBodyBytes) {
          return sendError(ex, 413, "body larger than " + maxBodyBytes + " bytes");
        }
      } catch (NumberFormatException e) {
        return sendError(ex, 400, "bad Content-Length");
      }
    }
    byte[] buf = bodyBuffer.get();
    int n = 0;
    try (InputStream in = ex.getRequestBody()) {
      int r;
      while (n < buf.length && (r = in.read(buf, n, buf.length - n)) > 0) {
        n += r;
      }
    }
    if (n > maxBodyBytes) {
      return sendError(ex, 413, "body larger than " + maxBodyBytes + " bytes");
    }
    if (route.binary() != null) {
      if (n == 0) {
        return sendError(ex, 400, "empty body: expected " + mediaType + " bytes");
      }
      Object answer;
      try {
        answer = route.binary().handle(buf, n, mediaType, query(ex.getRequestURI()));
      } catch (BadRequestException e) {
        return sendError(ex, e.status(), Json.oneLine(e.getMessage()));
      } catch (IllegalArgumentException e) {
        return sendError(ex, 400, Json.oneLine(e.getMessage()));
      }
      return sendJson(ex, 200, answer);
    }
    if (n == 0) {
      return sendError(ex, 400, "empty body: expected a JSON object");
    }
    Object request;
    try {
      request = json.readValue(buf, 0, n, route.type());
    } catch (JsonProcessingException e) {
      return sendError(ex, 400, Json.reason(e));
    }
    if (request == null) {
      return sendError(ex, 400, "bad request body: null");
    }
    Object response;
    try {
      response = route.handler().handle(request);
    } catch (BadRequestException e) {
      return sendError(ex, e.status(), Json.oneLine(e.getMessage()));
    } catch (IllegalArgumentException e) {
      return sendError(ex, 400, Json.oneLine(e.getMessage()));
    }
    return sendJson(ex, 200, response);
  }

  private void handlePrefix(HttpExchange ex, PrefixRoute p, String path, long t0) {
    int status;
    try {
      if (!p.method().equals(ex.getRequestMethod())) {
        ex.getResponseHeaders().set("Allow", p.method());
        status =
            sendError(
                ex,
                405,
                p.prefix()
                    + "* takes "
                    + p.method()
                    + ", not "
                    + Json.oneLine(ex.getRequestMethod()));
      } else {
        Object response;
        try {
          if (p.raw() != null) {
            status = sendRaw(ex, p.raw(), path.substring(p.prefix().length()));
          } else {
            response =
                p.handler().handle(path.substring(p.prefix().length()), query(ex.getRequestURI()));
            status = sendJson(ex, 200, response);
          }
        } catch (BadRequestException e) {
          status = sendError(ex, e.status(), Json.oneLine(e.getMessage()));
        } catch (IllegalArgumentException e) {
          status = sendError(ex, 400, Json.oneLine(e.getMessage()));
        }
      }
    } catch (IOException e) {
      status = 499;
    } catch (RuntimeException e) {
      status = trySendError(ex, 500, "internal error");
    } finally {
      ex.close();
    }
    metrics.countRequest(
        ("GET".equals(p.method()) ? "" : p.method() + " ") + p.prefix() + "*", status);
    p.latency().recordNanos(System.nanoTime() - t0);
  }

  /** Decodes a query string; the last value of a repeated name wins. */
  static Map<String, String> query(URI uri) {
    Map<String, String> q = new LinkedHashMap<>();
    String raw = uri.getRawQuery();
    if (raw == null || raw.isEmpty()) {
      return q;
    }
    for (String part : raw.split("&")) {
      if (part.isEmpty()) {
        continue;
      }
      int eq = part.indexOf('=');
      String name = eq < 0 ? part : part.substring(0, eq);
      String value = eq < 0 ? "" : part.substring(eq + 1);
      try {
        q.put(
            java.net.URLDecoder.decode(name, StandardCharsets.UTF_8),
            java.net.URLDecoder.decode(value, StandardCharsets.UTF_8));
      } catch (IllegalArgumentException e) {
        throw new BadRequestException(400, "malformed query string");
      }
    }
    return q;
  }

  /** Answers a raw GET; 4xx from the handler's exceptions as for JSON endpoints. */
  private int sendRaw(HttpExchange ex, RawHandler handler, String rest) throws IOException {
    RawHandler.Response r;
    try {
      r = handler.handle(rest, query(ex.getRequestURI()));
    } catch (BadRequestException e) {
      return sendError(ex, e.status(), Json.oneLine(e.getMessage()));
    } catch (IllegalArgumentException e) {
      return sendError(ex, 400, Json.oneLine(e.getMessage()));
    }
    return send(ex, 200, r.contentType(), r.body());
  }

  private int sendJson(HttpExchange ex, int status, Object body) throws IOException {
    byte[] bytes = body == null ? EMPTY : json.writeValueAsBytes(body);
    return send(ex, status, "application/json", bytes);
  }

  private int sendError(HttpExchange ex, int status, String reason) throws IOException {
    return sendJson(ex, status, Map.of("error", reason));
  }

  private int trySendError(HttpExchange ex, int status, String reason) {
    try {
      return sendError(ex, status, reason);
    } catch (IOException | RuntimeException e) {
      return status;
    }
  }

  private static int send(HttpExchange ex, int status, String contentType, byte[] bytes)
      throws IOException {
    ex.getResponseHeaders().set("Content-Type", contentType);
    ex.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
    if (bytes.length > 0) {
      try (OutputStream out = ex.getResponseBody()) {
        out.write(bytes);
      }
    }
    return status;
  }

  private Object healthBody() {
    Map<String, Object> h = new LinkedHashMap<>();
    h.put("status", "ok");
    h.put("service", service);
    for (Map.Entry<String, Supplier<Object>> e : health.entrySet()) {
      h.put(e.getKey(), e.getValue().get());
    }
    return h;
  }

  /**
   * Declares a server: its endpoints and what {@code /metrics} and {@code /health} report.
   *
   * <p>Thread safety: none; build on one thread.
   */
  public static final class Builder {
    private final String service;
    private String host = "127.0.0.1";
    private int port;
    private int threads = 4;
    private int backlog = 128;
    private int maxBodyBytes = 64 * 1024;
    private ServingMetrics metrics = new ServingMetrics();
    private final Map<String, Route> routes = new LinkedHashMap<>();
    private final Map<String, Supplier<Object>> health = new LinkedHashMap<>();
    private final java.util.List<PrefixRoute> prefixRoutes = new java.util.ArrayList<>();

    private Builder(String service) {
      if (service == null || service.isBlank()) {
        throw new IllegalArgumentException("service name must be non-blank");
      }
      this.service = service;
    }

    /** The address to bind (default 127.0.0.1; binding elsewhere is a deliberate choice). */
    public Builder host(String h) {
      host = Validation.present("host", h);
      return this;
    }

    /** The port, 0 for an ephemeral one (default). */
    public Builder port(int p) {
      port = Validation.range("port", p, 0, 65535);
      return this;
    }

    /** Worker threads (default 4). */
    public Builder threads(int n) {
      threads = Validation.range("threads", n, 1, 1024);
      return this;
    }

    /** The largest accepted request body in bytes (default 64 KiB); larger gets 413. */
    public Builder maxBodyBytes(int n) {
      maxBodyBytes = Validation.range("maxBodyBytes", n, 16, 64 << 20);
      return this;
    }

    /** The metrics registry to expose (default: a new one). */
    public Builder metrics(ServingMetrics m) {
      metrics = Validation.present("metrics", m);
      return this;
    }

    /**
     * Adds a JSON endpoint answering POST.
     *
     * @param path the exact path, e.g. {@code "/rank"}
     * @param type the request record type
     * @param handler computes the response
     */
    @SuppressWarnings("unchecked")
    public <I> Builder post(String path, Class<I> type, JsonHandler<I> handler) {
      checkPath(path);
      routes.put(
          path,
          new Route(
              path,
              "POST",
              Validation.present("type", type),
              (JsonHandler<Object>) Validation.present("handler", handler),
              null,
              false,
              new LatencyRecorder("http " + path)));
      return this;
    }

    /**
     * Adds a JSON endpoint answering GET with no parameters (status, configuration).
     *
     * @param path the exact path
     * @param body computes the response
     */
    public Builder get(String path, Supplier<Object> body) {
      checkPath(path);
      routes.put(
          path,
          new Route(
              path,
              "GET",
              null,
              null,
              Validation.present("body", body),
              false,
              new LatencyRecorder("http " + path)));
      return this;
    }

    /**
     * Adds a JSON endpoint answering GET for every path that starts with {@code prefix} and is
     * longer than it, with the rest of the path and the query string handed to the handler (for ids
     * in the path, e.g. {@code /v1/users/{id}/recommendations?k=10}). Exact paths win; prefixes are
     * tried in declaration order.
     *
     * @param prefix the path prefix, starting and ending with "/"
     * @param handler computes the response
     */
    public Builder getPrefix(String prefix, PathHandler handler) {
      checkPath(prefix);
      if (!prefix.endsWith("/")) {
        throw new IllegalArgumentException("a prefix must end with '/': " + prefix);
      }
      prefixRoutes.add(
          new PrefixRoute(
              prefix,
              Validation.present("handler", handler),
              new LatencyRecorder("http " + prefix + "*")));
      return this;
    }

    /**
     * Adds an endpoint answering GET with bytes of a given content type (a web page, an image)
     * rather than JSON. Errors are still JSON: throw {@link BadRequestException} or {@link
     * IllegalArgumentException} as in {@link PathHandler}.
     *
     * @param path the exact path, e.g. {@code "/"} (the only endpoint that may be the root)
     * @param handler computes the response; its {@code rest} argument is empty
     */
    public Builder getRaw(String path, RawHandler handler) {
      if (!"/".equals(path)) { // the root may serve a page
        checkPath(path);
      } else if (routes.containsKey(path)) {
        throw new IllegalArgumentException("endpoint / declared twice");
      }
      routes.put(
          path,
          new Route(
              path,
              "GET",
              null,
              null,
              null,
              false,
              new LatencyRecorder("http " + path),
              Validation.present("handler", handler),
              null,
              null));
      return this;
    }

    /**
     * Like {@link #getPrefix}, answering bytes of a given content type (e.g. {@code GET
     * /v1/images/42.png}).
     *
     * @param prefix the path prefix, starting and ending with "/"
     * @param handler computes the response from the rest of the path
     */
    public Builder getRawPrefix(String prefix, RawHandler handler) {
      checkPath(prefix);
      if (!prefix.endsWith("/")) {
        throw new IllegalArgumentException("a prefix must end with '/': " + prefix);
      }
      prefixRoutes.add(
          new PrefixRoute(
              prefix,
              null,
              new LatencyRecorder("http " + prefix + "*"),
              Validation.present("handler", handler),
              "GET"));
      return this;
    }

    /**
     * Like {@link #getPrefix} for POST: an action on the resource named in the path, e.g. {@code
     * POST /v1/images/42/private}. The body, if any, is not read; parameters come from the path and
     * the query string. Answers JSON.
     *
     * @param prefix the path prefix, starting and ending with "/"
     * @param handler computes the response from the rest of the path and the query
     */
    public Builder postPrefix(String prefix, PathHandler handler) {
      checkPath(prefix);
      if (!prefix.endsWith("/")) {
        throw new IllegalArgumentException("a prefix must end with '/': " + prefix);
      }
      prefixRoutes.add(
          new PrefixRoute(
              prefix,
              Validation.present("handler", handler),
              new LatencyRecorder("http POST " + prefix + "*"),
              null,
              "POST"));
      return this;
    }

    /**
     * Adds an endpoint answering POST whose body is not JSON but bytes of one of the given media
     * types (an image upload), with parameters in the query string; the answer is JSON. The body
     * limit, 413, 415 (another or no Content-Type) and 4xx rules are those of {@link #post}.
     *
     * @param path the exact path, e.g. {@code "/v1/search"}
     * @param mediaTypes the accepted media types, lower case, e.g. {@code "image/png"}
     * @param handler computes the response
     */
    public Builder postBinary(
        String path, java.util.Set<String> mediaTypes, BinaryHandler handler) {
      checkPath(path);
      if (mediaTypes.isEmpty()) {
        throw new IllegalArgumentException("postBinary needs at least one media type");
      }
      routes.put(
          path,
          new Route(
              path,
              "POST",
              null,
              null,
              null,
              false,
              new LatencyRecorder("http " + path),
              null,
              Validation.present("handler", handler),
              java.util.Set.copyOf(mediaTypes)));
      return this;
    }

    /** Adds an entry to {@code /health}'s JSON, computed at every call. */
    public Builder health(String key, Supplier<Object> value) {
      health.put(Validation.present("key", key), Validation.present("value", value));
      return this;
    }

    /** Reports a served model's version on {@code /health} and {@code /metrics}. */
    public Builder model(String name, ModelHolder<?> holder) {
      Validation.present("model holder", holder);
      metrics.bindModel(name, holder::version, holder::swapCount);
      health.put("model." + name, holder::version);
      return this;
    }

    /** Exposes a pipeline's per-stage and total latency percentiles on {@code /metrics}. */
    public Builder pipeline(ServingPipeline<?> p) {
      for (Stage s : Stage.values()) {
        metrics.bindLatency(p.stageLatency(s), "pipeline", p.name());
      }
      metrics.bindLatency(p.totalLatency(), "pipeline", p.name());
      return this;
    }

    /** Exposes a feature store's reads, misses and fallbacks on {@code /metrics}. */
    public Builder featureStore(String name, FeatureStore store) {
      metrics.bindFeatureStore(name, store.kind(), store.counters());
      return this;
    }

    /** Exposes a drift monitor's PSI and KL per feature on {@code /metrics}. */
    public Builder drift(DriftMonitor monitor) {
      metrics.bindDrift(Validation.present("drift monitor", monitor));
      return this;
    }

    /** Exposes a calibration monitor's ratio, drift and ECE on {@code /metrics}. */
    public Builder calibration(String model, CalibrationMonitor monitor) {
      metrics.bindCalibration(model, Validation.present("calibration monitor", monitor));
      return this;
    }

    /** Backlog of the listening socket (default 128). */
    public Builder backlog(int n) {
      backlog = Validation.range("backlog", n, 1, 65535);
      return this;
    }

    /** Binds and starts the server. */
    public JsonServer start() throws IOException {
      if (routes.containsKey("/health") || routes.containsKey("/metrics")) {
        throw new IllegalStateException("/health and /metrics are built in");
      }
      java.util.List<String> endpoints = new java.util.ArrayList<>(routes.keySet());
      for (PrefixRoute p : prefixRoutes) {
        endpoints.add(("GET".equals(p.method()) ? "" : p.method() + " ") + p.prefix() + "*");
      }
      endpoints.add("/health");
      endpoints.add("/metrics");
      health.putIfAbsent("endpoints", () -> endpoints);
      JsonServer[] self = new JsonServer[1];
      routes.put(
          "/health",
          new Route(
              "/health",
              "GET",
              null,
              null,
              () -> self[0].healthBody(),
              false,
              new LatencyRecorder("http /health")));
      routes.put(
          "/metrics",
          new Route(
              "/metrics", "GET", null, null, null, true, new LatencyRecorder("http /metrics")));
      for (Route r : routes.values()) {
        metrics.bindLatency(r.latency(), "endpoint", r.path());
      }
      self[0] = new JsonServer(this);
      self[0].server.start();
      return self[0];
    }

    private void checkPath(String path) {
      if (path == null || !path.startsWith("/") || path.length() < 2) {
        throw new IllegalArgumentException("path must start with / and name an endpoint: " + path);
      }
      if (routes.containsKey(path)) {
        throw new IllegalArgumentException("endpoint " + path + " declared twice");
      }
    }
  }
}
