package dev.mlsd.core.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mlsd.core.featurestore.FeatureStore;
import dev.mlsd.core.monitoring.CalibrationMonitor;
import dev.mlsd.core.monitoring.DriftMonitor;
import dev.mlsd.core.monitoring.LatencyRecorder;
import dev.mlsd.core.monitoring.ServingMetrics;
import dev.mlsd.core.serving.ModelHolder;
import dev.mlsd.core.serving.ServingPipeline;
import dev.mlsd.core.serving.Stage;
import java.io.IOException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.NetworkConnectionLimit;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.Promise;
import org.eclipse.jetty.util.thread.Invocable;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.eclipse.jetty.util.thread.Scheduler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A module's HTTP server: {@code GET /health}, {@code GET /metrics} (Prometheus text) and the
 * module's JSON endpoints, on Jetty 12 (chosen by measurement against the JDK's server: see {@code
 * docs/http-server.md}).
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
 * <p><b>How a request travels.</b> Jetty's I/O threads read the headers and then the body without
 * blocking, so a slow or stalled client holds no thread: only a connection, which the idle timeout
 * ({@link Builder#idleTimeout}, default 30 s between bytes), the header deadline ({@link
 * Builder#headerTimeout}, default 5 s for the request line and headers), the body deadline ({@link
 * Builder#bodyTimeout}, default 5 s for the whole body) and the connection cap ({@link
 * Builder#maxConnections}, default 512) bound. A complete request then queues for one of the
 * module's worker threads ({@link Builder#threads}, default 4; platform threads, so per-thread
 * scratch is reused). The queue is bounded ({@link Builder#queueCapacity}) and judged by how long
 * its requests wait ({@link Builder#maxQueueWait}). Refusals are decided on arrival, on the I/O
 * thread, so a 503 with {@code Retry-After: 1} costs microseconds, not a wait: when the queue is
 * full, when its oldest request has already waited too long, or when the newcomer's expected wait
 * (the queue ahead of it times the recent time per request) is over half the budget. A request that
 * ages past the budget in the queue all the same is answered 503 when a worker takes it, without
 * running, unless none waits behind it: past its capacity the server sheds load instead of queueing
 * without bound. {@code /health} and {@code /metrics} are answered on the I/O threads, so they
 * answer while every worker is busy.
 *
 * <p><b>Statuses.</b> Every answer is JSON, errors are {@code {"error": "one-line reason"}},
 * including the ones Jetty produces itself (a bad request line, bad percent-encoding, 431 for
 * oversized headers). 400 bad JSON, wrong types, unknown or missing fields, out-of-range values or
 * over-long lists (validated by the request record, {@link Validation} and {@link Json}); a {@link
 * BadRequestException} thrown by a handler gives its own 4xx (404 for {@link
 * BadRequestException#unknownId}); 405 wrong method; 408 body not received in time; 413 body over
 * {@code maxBodyBytes}; 415 a non-JSON content type; 503 shed. Any other exception from a handler
 * (an {@link IllegalArgumentException} included) is a server fault: 500, counted on {@code
 * /metrics} and logged once with its stack. A client that goes away before its answer is written is
 * counted as 499.
 *
 * <p><b>Latency.</b> {@code /metrics} reports per endpoint the time from the request's first byte
 * to its answer handed to the socket, so the time spent waiting for a worker is included; {@code
 * http queue} reports that wait alone.
 *
 * <p>Thread safety: build on one thread; the running server is thread-safe; handlers are called
 * from many worker threads at once.
 *
 * <p>Book: chapter 1, "Serving"; chapter 8 (the 10 ms online prediction budget).
 */
public final class JsonServer implements AutoCloseable {
  static {
    // Jetty announces every start and stop at INFO; a demo's output is for the demo's narration.
    // slf4j-simple reads per-logger levels from system properties when a logger is created.
    String jettyLevel = "org.slf4j.simpleLogger.log.org.eclipse.jetty";
    if (System.getProperty(jettyLevel) == null) {
      System.setProperty(jettyLevel, "warn");
    }
  }

  private static final Logger LOG = LoggerFactory.getLogger(JsonServer.class);
  private static final byte[] EMPTY = new byte[0];
  private static final String JSON = "application/json";

  /** An over-long body up to this size is read and dropped before the 413 (see readBytes). */
  private static final long DRAIN_LIMIT_BYTES = 1 << 20;

  private static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";

  private final String service;
  private final Server server;
  private final ServerConnector connector;
  private final ThreadPoolExecutor workers;
  private final ServingMetrics metrics;
  private final int maxBodyBytes;
  private final long bodyTimeoutMillis;
  private final long maxQueueWaitNanos;
  private final int threads;

  /**
   * Wall time a worker spends on one request, averaged over recent ones (0 before the first): the
   * admission estimate's unit. Written by workers without a lock (see {@link Queued#run}).
   */
  private volatile long serviceNanos;

  private final Map<String, Route> routes;
  private final Map<String, Supplier<Object>> health;
  private final List<PrefixRoute> prefixRoutes;
  private final LatencyRecorder queueLatency = new LatencyRecorder("http queue");
  private final LatencyRecorder shedOnArrival = new LatencyRecorder("http 503 on arrival");
  private final LatencyRecorder shedAtWorker = new LatencyRecorder("http 503 at a worker");
  private final HeaderDeadline headerDeadline;
  private final ObjectMapper json = Json.mapper();

  private record Route(
      String path,
      String method,
      Class<?> type,
      JsonHandler<Object> handler,
      Supplier<Object> getter,
      PathHandler queryGetter,
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
        PathHandler queryGetter,
        boolean prometheus,
        LatencyRecorder latency) {
      this(path, method, type, handler, getter, queryGetter, prometheus, latency, null, null, null);
    }
  }

  /**
   * A GET ({@code handler}, or {@code raw} for bytes) or POST ({@code type} and {@code
   * bodyHandler}) prefix route.
   */
  private record PrefixRoute(
      String prefix,
      String method,
      PathHandler handler,
      Class<?> type,
      PathBodyHandler<Object> bodyHandler,
      LatencyRecorder latency,
      RawHandler raw) {
    PrefixRoute(
        String prefix,
        String method,
        PathHandler handler,
        Class<?> type,
        PathBodyHandler<Object> bodyHandler,
        LatencyRecorder latency) {
      this(prefix, method, handler, type, bodyHandler, latency, null);
    }

    /** The endpoint's name in metrics: {@code /v1/x/*}, or {@code POST /v1/x/*} for non-GET. */
    String endpoint() {
      return ("GET".equals(method) ? "" : method + " ") + prefix + "*";
    }
  }

  private JsonServer(Builder b) {
    this.service = b.service;
    this.metrics = b.metrics;
    this.maxBodyBytes = b.maxBodyBytes;
    this.bodyTimeoutMillis = b.bodyTimeout.toMillis();
    this.maxQueueWaitNanos = b.maxQueueWait.toNanos();
    this.threads = b.threads;
    this.routes = Map.copyOf(b.routes);
    this.prefixRoutes = List.copyOf(b.prefixRoutes);
    this.health = new LinkedHashMap<>(b.health);
    AtomicInteger threadNo = new AtomicInteger();
    this.workers =
        new ThreadPoolExecutor(
            b.threads,
            b.threads,
            0,
            TimeUnit.SECONDS,
            new ArrayBlockingQueue<>(b.queueCapacity),
            r -> {
              Thread t = new Thread(r, b.service + "-http-" + threadNo.incrementAndGet());
              t.setDaemon(true);
              return t;
            },
            new ThreadPoolExecutor.AbortPolicy());
    workers.prestartAllCoreThreads();
    metrics.bindLatency(queueLatency, "endpoint", "queue");

    QueuedThreadPool io = new QueuedThreadPool(b.ioThreads, Math.min(4, b.ioThreads));
    io.setName(b.service + "-io");
    io.setDaemon(true);
    this.server = new Server(io);
    HttpConfiguration config = new HttpConfiguration();
    config.setSendServerVersion(false);
    config.setSendXPoweredBy(false);
    config.setRequestHeaderSize(b.maxHeaderBytes);
    this.connector = new ServerConnector(server, 1, 1, new HttpConnectionFactory(config));
    connector.setHost(b.host);
    connector.setPort(b.port);
    connector.setIdleTimeout(b.idleTimeout.toMillis());
    connector.setAcceptQueueSize(b.backlog);
    server.addConnector(connector);
    server.addBean(new NetworkConnectionLimit(b.maxConnections, connector));
    this.headerDeadline = new HeaderDeadline(b.headerTimeout.toMillis(), server.getScheduler());
    connector.addEventListener(headerDeadline);
    server.setErrorHandler(new JsonErrorHandler(metrics));
    // the handler never blocks (it routes, starts an asynchronous body read or queues for a
    // worker), so Jetty may run it on the thread that read the request: one thread hand-off fewer
    // per request (in an interleaved A/B at 4,000/s its p99 was 3.5-3.7 ms against 4.4-4.9 ms)
    server.setHandler(
        new Handler.Abstract.NonBlocking() {
          @Override
          public boolean handle(Request request, Response response, Callback callback) {
            headerDeadline.headersArrived(request.getConnectionMetaData().getConnection());
            try {
              dispatch(request, response, callback);
            } catch (BadRequestException e) {
              // input refused while routing (e.g. a malformed query string), before any answer
              new Exchange(request, response, callback, "invalid", null)
                  .error(e.status(), Json.oneLine(e.getMessage()));
            }
            return true;
          }
        });
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
    return connector.getLocalPort();
  }

  /** {@code http://host:port}. */
  public URI uri() {
    return URI.create("http://" + connector.getHost() + ":" + port());
  }

  /** The metrics behind {@code /metrics}. */
  public ServingMetrics metrics() {
    return metrics;
  }

  /** How long requests waited for a worker (all endpoints that run on workers). */
  public LatencyRecorder queueLatency() {
    return queueLatency;
  }

  /**
   * Server-side latency of the 503s, from the request's first byte to the refusal written: {@code
   * atWorker} false for those refused on arrival (a full queue, a standing one or too long an
   * expected wait), true for those refused when a worker took them after too long a wait.
   */
  public LatencyRecorder shedLatency(boolean atWorker) {
    return atWorker ? shedAtWorker : shedOnArrival;
  }

  /**
   * The latency {@code /metrics} reports for an endpoint: from the request's first byte to its
   * answer handed to the socket, every status included (503s too).
   *
   * @param endpoint an exact path ({@code "/rank"}) or a prefix endpoint's name ({@code
   *     "/v1/users/*"})
   * @throws IllegalArgumentException if no such endpoint was declared
   */
  public LatencyRecorder endpointLatency(String endpoint) {
    Route r = routes.get(endpoint);
    if (r != null) {
      return r.latency();
    }
    for (PrefixRoute p : prefixRoutes) {
      if (p.endpoint().equals(endpoint)) {
        return p.latency();
      }
    }
    throw new IllegalArgumentException("no endpoint " + endpoint);
  }

  /** Requests waiting for a worker right now. */
  public int queued() {
    return workers.getQueue().size();
  }

  /** Stops accepting, waits up to one second for requests in flight, and stops the workers. */
  @Override
  public void close() {
    headerDeadline.stop();
    try {
      server.setStopTimeout(1000);
      server.stop();
    } catch (Exception e) {
      LOG.warn("stopping the HTTP server of {}", service, e);
    }
    workers.shutdown();
    try {
      workers.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Routes a request whose headers have arrived; runs on a Jetty I/O thread and never blocks. */
  private void dispatch(Request request, Response response, Callback callback) {
    String path = request.getHttpURI().getDecodedPath();
    Route route = routes.get(path);
    if (route == null) {
      // a GET and a POST prefix may share a path: the first prefix of the request's method wins,
      // else the first matching prefix answers 405
      PrefixRoute matched = null;
      for (PrefixRoute p : prefixRoutes) {
        if (path.startsWith(p.prefix()) && path.length() > p.prefix().length()) {
          if (p.method().equals(request.getMethod())) {
            matched = p;
            break;
          }
          matched = matched == null ? p : matched;
        }
      }
      if (matched != null) {
        PrefixRoute p = matched;
        Exchange ex = new Exchange(request, response, callback, p.endpoint(), p.latency());
        String rest = path.substring(p.prefix().length());
        if (!p.method().equals(request.getMethod())) {
          response.getHeaders().put(HttpHeader.ALLOW, p.method());
          ex.error(
              405,
              p.prefix() + "* takes " + p.method() + ", not " + Json.oneLine(request.getMethod()));
        } else if (p.bodyHandler() != null) {
          readBody(ex, body -> p.bodyHandler().handle(rest, parse(p.type(), body)));
        } else if (p.raw() != null) {
          admit(ex, () -> respondRaw(ex, () -> p.raw().handle(rest, query(request))));
        } else {
          admit(ex, () -> respond(ex, () -> p.handler().handle(rest, query(request))));
        }
        return;
      }
      new Exchange(request, response, callback, "unknown", null)
          .error(404, "no endpoint " + Json.oneLine(path));
      return;
    }
    Exchange ex = new Exchange(request, response, callback, path, route.latency());
    if (!route.method().equals(request.getMethod())) {
      response.getHeaders().put(HttpHeader.ALLOW, route.method());
      ex.error(
          405, path + " takes " + route.method() + ", not " + Json.oneLine(request.getMethod()));
    } else if (route.prometheus()) {
      ex.send(200, PROMETHEUS_TEXT, metrics.scrape().getBytes(StandardCharsets.UTF_8));
    } else if (route.getter() != null) {
      respond(ex, route.getter());
    } else if (route.queryGetter() != null) {
      admit(ex, () -> respond(ex, () -> route.queryGetter().handle("", query(request))));
    } else if (route.raw() != null) {
      admit(ex, () -> respondRaw(ex, () -> route.raw().handle("", query(request))));
    } else if (route.binary() != null) {
      readBinaryBody(ex, route, request);
    } else {
      readBody(ex, body -> route.handler().handle(parse(route.type(), body)));
    }
  }

  /**
   * A non-JSON upload ({@link Builder#postBinary}): the media type must be one of the route's, then
   * the body is read as {@link #readBody} reads JSON (limit, deadline, 413, 408).
   */
  private void readBinaryBody(Exchange ex, Route route, Request request) {
    String type = ex.request.getHeaders().get(HttpHeader.CONTENT_TYPE);
    String mediaType = type == null ? null : type.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
    if (mediaType == null || !route.binaryTypes().contains(mediaType)) {
      ex.error(
          415,
          "Content-Type must be one of "
              + new java.util.TreeSet<>(route.binaryTypes())
              + ", got "
              + (type == null ? "none" : Json.oneLine(type)));
      return;
    }
    Map<String, String> query = query(request);
    readBytes(
        ex,
        "empty body: expected " + mediaType + " bytes",
        body -> route.binary().handle(body, body.length, mediaType, query));
  }

  /** Reads a POST body without holding a thread, then queues the request for a worker. */
  private void readBody(Exchange ex, java.util.function.Function<byte[], Object> handle) {
    String type = ex.request.getHeaders().get(HttpHeader.CONTENT_TYPE);
    if (type != null && !type.toLowerCase(Locale.ROOT).startsWith(JSON)) {
      ex.error(415, "Content-Type must be application/json, got " + Json.oneLine(type));
      return;
    }
    readBytes(ex, "empty body: expected a JSON object", handle);
  }

  /** Reads a body of any type (limit, deadline); an empty one is a 400 with {@code emptyReason}. */
  private void readBytes(
      Exchange ex, String emptyReason, java.util.function.Function<byte[], Object> handle) {
    long declared = ex.request.getLength();
    if (declared > maxBodyBytes) {
      String reason = "body larger than " + maxBodyBytes + " bytes";
      // the connection ends after this answer: say so, so the client does not reuse it
      ex.response.getHeaders().put(HttpHeader.CONNECTION, "close");
      if (declared <= DRAIN_LIMIT_BYTES) {
        // read and drop a modest body before answering: closing a connection with unread bytes
        // resets it, and the client may lose the 413 before it reads it
        ex.bodyTaken = true;
        Content.Source.consumeAll(
            ex.request,
            Callback.from(
                Invocable.InvocationType.NON_BLOCKING,
                () -> ex.error(413, reason),
                x -> ex.error(413, reason)));
      } else {
        ex.error(413, reason);
      }
      return;
    }
    Scheduler.Task deadline =
        server
            .getScheduler()
            .schedule(
                () ->
                    ex.error(408, "request body not received within " + bodyTimeoutMillis + " ms"),
                bodyTimeoutMillis,
                TimeUnit.MILLISECONDS);
    ex.bodyTaken = true;
    Content.Source.asByteArrayAsync(
        ex.request,
        maxBodyBytes,
        Promise.Invocable.from(
            Invocable.InvocationType.NON_BLOCKING,
            (byte[] body, Throwable failure) -> {
              deadline.cancel();
              if (failure != null) {
                if (failure instanceof java.util.concurrent.TimeoutException
                    || failure.getCause() instanceof java.util.concurrent.TimeoutException) {
                  ex.error(408, "request body not received within the idle timeout");
                } else if (declared < 0 && !(failure instanceof IOException)) {
                  ex.error(413, "body larger than " + maxBodyBytes + " bytes");
                } else {
                  ex.error(400, "request body could not be read");
                }
              } else if (body.length == 0) {
                ex.error(400, emptyReason);
              } else {
                admit(ex, () -> respond(ex, () -> handle.apply(body)));
              }
            }));
  }

  /**
   * Queues work for a worker thread, or answers 503 at once, on the I/O thread, so that a refusal
   * costs microseconds rather than a wait. A newcomer is refused when the queue is full; when the
   * request at its head has already waited longer than {@code maxQueueWait} (a standing queue); or
   * when its own expected wait is longer than half of it (see {@link #expectedWaitNanos}; the other
   * half absorbs the spread of service times, so that few admitted requests age past the budget and
   * are refused late). A request that nonetheless waited longer than {@code maxQueueWait} by the
   * time a worker takes it (the workers slowed down after it was admitted) is refused then, without
   * running, unless no other request waits behind it.
   */
  private void admit(Exchange ex, Runnable work) {
    long now = System.nanoTime();
    int queued = workers.getQueue().size();
    long expected = expectedWaitNanos(queued);
    if (2 * expected > maxQueueWaitNanos) {
      ex.shed(
          "expected wait "
              + expected / 1_000
              + " us for a worker ("
              + queued
              + " queued) is over half of "
              + maxQueueWaitNanos / 1_000
              + " us; server over capacity");
      return;
    }
    if (workers.getQueue().peek() instanceof Queued head
        && now - head.enqueued > maxQueueWaitNanos) {
      ex.shed(
          "the oldest queued request has waited "
              + (now - head.enqueued) / 1_000_000
              + " ms for a worker; server over capacity");
      return;
    }
    try {
      workers.execute(new Queued(ex, work, now));
    } catch (RejectedExecutionException e) {
      ex.shed("request queue full; server over capacity");
    }
  }

  /**
   * A newcomer's expected wait for a worker, from the {@code queued} requests ahead of it and the
   * recent time a worker spends on one request: the queued ones shared among the workers, plus half
   * a request for those being run. 0 when nothing is queued (a worker may be free).
   */
  private long expectedWaitNanos(int queued) {
    if (queued == 0) {
      return 0;
    }
    return (2L * queued + threads) * serviceNanos / (2L * threads);
  }

  /** A request waiting for a worker, with the time it was queued. */
  private final class Queued implements Runnable {
    final Exchange ex;
    final Runnable work;
    final long enqueued;

    Queued(Exchange ex, Runnable work, long enqueued) {
      this.ex = ex;
      this.work = work;
      this.enqueued = enqueued;
    }

    @Override
    public void run() {
      long start = System.nanoTime();
      long waited = start - enqueued;
      queueLatency.recordNanos(waited);
      // alone in the queue, a late request delays no one behind it: a stall (a collector pause, a
      // busy machine) with nothing queued is no overload, so it runs
      if (waited > maxQueueWaitNanos && !workers.getQueue().isEmpty()) {
        ex.shedAtWorker = true;
        ex.shed("waited " + waited / 1_000_000 + " ms for a worker; server over capacity");
        return;
      }
      work.run();
      long took = System.nanoTime() - start;
      // an exponential moving average over about the last 16 requests; workers update it without
      // a lock, and a lost update only delays the average by one request
      long s = serviceNanos;
      serviceNanos = s == 0 ? took : s + (took - s) / 16;
    }
  }

  /** Parses a request body into its record; bad JSON or a refused value is a 400. */
  private Object parse(Class<?> type, byte[] body) {
    Object request;
    try {
      request = json.readValue(body, type);
    } catch (JsonProcessingException e) {
      if (e.getCause() instanceof BadRequestException b) {
        throw b;
      }
      throw BadRequestException.badRequest(Json.reason(e));
    } catch (IOException e) {
      throw BadRequestException.badRequest("request body could not be read");
    }
    if (request == null) {
      throw BadRequestException.badRequest("bad request body: null");
    }
    return request;
  }

  /**
   * Runs a handler and answers: 200 with its JSON, its own 4xx for a {@link BadRequestException},
   * 500 for anything else (logged once, with the stack).
   */
  private void respond(Exchange ex, Supplier<Object> handler) {
    byte[] bytes;
    try {
      Object body = handler.get();
      bytes = body == null ? EMPTY : json.writeValueAsBytes(body);
    } catch (BadRequestException e) {
      ex.error(e.status(), Json.oneLine(e.getMessage()));
      return;
    } catch (Throwable e) {
      LOG.error("{} {}: internal error", service, ex.endpoint, e);
      ex.error(500, "internal error");
      return;
    }
    ex.send(200, JSON, bytes);
  }

  /** Like {@link #respond}, for an answer that is bytes of its own content type. */
  private void respondRaw(Exchange ex, Supplier<RawHandler.Response> handler) {
    RawHandler.Response r;
    try {
      r = handler.get();
    } catch (BadRequestException e) {
      ex.error(e.status(), Json.oneLine(e.getMessage()));
      return;
    } catch (Throwable e) {
      LOG.error("{} {}: internal error", service, ex.endpoint, e);
      ex.error(500, "internal error");
      return;
    }
    ex.send(200, r.contentType(), r.body());
  }

  /** Decodes a query string; the last value of a repeated name wins. */
  static Map<String, String> query(Request request) {
    Map<String, String> q = new LinkedHashMap<>();
    String raw = request.getHttpURI().getQuery();
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
   * One request being answered: sends exactly one response (later attempts, e.g. a body deadline
   * firing after the answer, are ignored), then counts it by status and records its latency from
   * the request's first byte.
   */
  private final class Exchange implements Callback {
    final Request request;
    final Response response;
    final Callback callback;
    final String endpoint;
    final LatencyRecorder latency;
    final AtomicBoolean answered = new AtomicBoolean();

    /** Set once the request body is being read (or drained); see {@link #send}. */
    volatile boolean bodyTaken;

    /** Refused by a worker after too long a wait (else a 503 was decided on arrival). */
    volatile boolean shedAtWorker;

    int status;

    Exchange(
        Request request,
        Response response,
        Callback callback,
        String endpoint,
        LatencyRecorder latency) {
      this.request = request;
      this.response = response;
      this.callback = callback;
      this.endpoint = endpoint;
      this.latency = latency;
    }

    void error(int status, String reason) {
      byte[] bytes;
      try {
        bytes = json.writeValueAsBytes(Map.of("error", reason));
      } catch (JsonProcessingException e) {
        bytes = "{\"error\":\"internal error\"}".getBytes(StandardCharsets.UTF_8);
      }
      send(status, JSON, bytes);
    }

    void shed(String reason) {
      if (!answered.get()) {
        response.getHeaders().put(HttpHeader.RETRY_AFTER, "1");
      }
      error(503, reason);
    }

    void send(int status, String contentType, byte[] bytes) {
      if (!answered.compareAndSet(false, true)) {
        return;
      }
      this.status = status;
      if (!bodyTaken
          && (request.getLength() > 0
              || request.getHeaders().contains(HttpHeader.TRANSFER_ENCODING))) {
        // answered without reading the body (405, 415): Jetty closes such a connection rather
        // than wait for the unread bytes, so tell the client not to reuse it
        response.getHeaders().put(HttpHeader.CONNECTION, "close");
      }
      response.setStatus(status);
      response.getHeaders().put(HttpHeader.CONTENT_TYPE, contentType);
      response.getHeaders().put(HttpHeader.CONTENT_LENGTH, bytes.length);
      response.write(true, ByteBuffer.wrap(bytes), this);
    }

    @Override
    public void succeeded() {
      finish(status);
      callback.succeeded();
    }

    @Override
    public void failed(Throwable x) {
      if (x instanceof IOException || x instanceof java.util.concurrent.TimeoutException) {
        // the client went away, or stalled past the idle timeout, before its answer was written
        finish(499);
      } else {
        LOG.error("{} {}: writing the answer failed", service, endpoint, x);
        finish(500);
      }
      callback.failed(x);
    }

    @Override
    public InvocationType getInvocationType() {
      return InvocationType.NON_BLOCKING;
    }

    private void finish(int counted) {
      headerDeadline.answered(request.getConnectionMetaData().getConnection());
      metrics.countRequest(endpoint, counted);
      long nanos = System.nanoTime() - request.getBeginNanoTime();
      if (latency != null) {
        latency.recordNanos(nanos);
      }
      if (counted == 503) {
        (shedAtWorker ? JsonServer.this.shedAtWorker : shedOnArrival).recordNanos(nanos);
      }
    }
  }

  /**
   * How much work a server admits: its worker threads, how many requests may wait for one, and how
   * long (see {@link Builder#threads}, {@link Builder#queueCapacity}, {@link
   * Builder#maxQueueWait}). Load commands take these as options, so that shedding can be tuned per
   * machine.
   *
   * @param threads worker threads
   * @param queueCapacity requests that may wait for a worker
   * @param maxQueueWait the longest a request may wait for a worker
   */
  public record Limits(int threads, int queueCapacity, Duration maxQueueWait) {
    /** Checks the values. */
    public Limits {
      Validation.range("threads", threads, 1, 1024);
      Validation.range("queueCapacity", queueCapacity, 1, 1 << 20);
      Builder.positive("maxQueueWait", maxQueueWait);
    }
  }

  /**
   * Declares a server: its endpoints, its limits and what {@code /metrics} and {@code /health}
   * report.
   *
   * <p>Thread safety: none; build on one thread.
   */
  public static final class Builder {
    private final String service;
    private String host = "127.0.0.1";
    private int port;
    private int threads = 4;
    private int queueCapacity = -1;
    private Duration maxQueueWait = Duration.ofMillis(100);
    private int ioThreads = 16;
    private int backlog = 128;
    private int maxConnections = 512;
    private int maxBodyBytes = 64 * 1024;
    private int maxHeaderBytes = 8 * 1024;
    private Duration idleTimeout = Duration.ofSeconds(30);
    private Duration bodyTimeout = Duration.ofSeconds(5);
    private Duration headerTimeout = Duration.ofSeconds(5);
    private ServingMetrics metrics = new ServingMetrics();
    private final Map<String, Route> routes = new LinkedHashMap<>();
    private final Map<String, Supplier<Object>> health = new LinkedHashMap<>();
    private final List<PrefixRoute> prefixRoutes = new ArrayList<>();

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

    /** Worker threads that run the module's handlers (default 4). */
    public Builder threads(int n) {
      threads = Validation.range("threads", n, 1, 1024);
      return this;
    }

    /**
     * Requests that may wait for a worker (default 8 per worker thread); one more gets 503 with
     * {@code Retry-After}.
     */
    public Builder queueCapacity(int n) {
      queueCapacity = Validation.range("queueCapacity", n, 1, 1 << 20);
      return this;
    }

    /**
     * The longest a request may wait for a worker (default 100 ms, ten times the book's 10 ms
     * budget). Three rules use it, in the spirit of CoDel (a queue is judged by how long its
     * requests wait, not by its length), and the first two refuse on the I/O thread, so a 503 costs
     * microseconds: a new request is refused at once when its expected wait (the requests queued
     * ahead of it times the recent time a worker spends on one, shared among the workers) is over
     * half of this; or while the request at the head of the queue has waited longer than this (the
     * queue is standing). A request that nonetheless waited longer by the time a worker takes it is
     * answered 503 then, without running, unless no other request waits behind it (a slow machine
     * alone sheds nothing). A service that must keep the p99 of what it admits under its budget at
     * twice its capacity sets a few ms here (the load commands use 5 ms).
     */
    public Builder maxQueueWait(Duration d) {
      maxQueueWait = positive("maxQueueWait", d);
      return this;
    }

    /** Sets the worker threads, the queue and the longest wait at once. */
    public Builder limits(Limits l) {
      Validation.present("limits", l);
      return threads(l.threads()).queueCapacity(l.queueCapacity()).maxQueueWait(l.maxQueueWait());
    }

    /** Threads for I/O, {@code /health} and {@code /metrics} (default 16). */
    public Builder ioThreads(int n) {
      ioThreads = Validation.range("ioThreads", n, 4, 1024);
      return this;
    }

    /** The largest accepted request body in bytes (default 64 KiB); larger gets 413. */
    public Builder maxBodyBytes(int n) {
      maxBodyBytes = Validation.range("maxBodyBytes", n, 16, 64 << 20);
      return this;
    }

    /** The largest accepted request line plus headers in bytes (default 8 KiB); larger gets 431. */
    public Builder maxHeaderBytes(int n) {
      maxHeaderBytes = Validation.range("maxHeaderBytes", n, 1024, 1 << 20);
      return this;
    }

    /**
     * How long a connection may stay silent (default 30 s), while its headers or body are arriving
     * or between keep-alive requests; then it is closed.
     */
    public Builder idleTimeout(Duration d) {
      idleTimeout = positive("idleTimeout", d);
      return this;
    }

    /**
     * How long a request's whole body may take to arrive once its headers are in (default 5 s);
     * then 408 and the connection is closed.
     */
    public Builder bodyTimeout(Duration d) {
      bodyTimeout = positive("bodyTimeout", d);
      return this;
    }

    /**
     * How long a request's line and headers may take to arrive once their first byte has (default 5
     * s, checked every 250 ms); then the connection is closed. Without it, a client sending one
     * header byte just inside every idle timeout would hold its connection for ever.
     */
    public Builder headerTimeout(Duration d) {
      headerTimeout = positive("headerTimeout", d);
      return this;
    }

    /** Open connections at most (default 512); past it, new ones wait in the listen backlog. */
    public Builder maxConnections(int n) {
      maxConnections = Validation.range("maxConnections", n, 1, 1 << 20);
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
              null,
              false,
              new LatencyRecorder("http " + path)));
      return this;
    }

    /**
     * Adds a JSON endpoint answering GET with no parameters (status, configuration). It runs on an
     * I/O thread, like {@code /health}: keep it cheap.
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
              null,
              false,
              new LatencyRecorder("http " + path)));
      return this;
    }

    /**
     * Adds a JSON endpoint answering GET for every path that starts with {@code prefix} and is
     * longer than it, with the rest of the path and the query string handed to the handler (for ids
     * in the path, e.g. {@code /v1/users/{id}/recommendations?k=10}). Exact paths win; prefixes are
     * tried in declaration order. The handler runs on a worker thread.
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
              "GET",
              Validation.present("handler", handler),
              null,
              null,
              new LatencyRecorder("http " + prefix + "*")));
      return this;
    }

    /**
     * Adds a JSON endpoint answering POST for every path that starts with {@code prefix} and is
     * longer than it, with the rest of the path and the parsed body handed to the handler (for an
     * id in the path, e.g. {@code POST /v1/reviews/{postId}}). The body is read and validated as in
     * {@link #post}; the handler runs on a worker thread. Exact paths win; prefixes are tried in
     * declaration order.
     *
     * @param prefix the path prefix, starting and ending with "/"
     * @param type the request record type
     * @param handler computes the response
     */
    @SuppressWarnings("unchecked")
    public <I> Builder postPrefix(String prefix, Class<I> type, PathBodyHandler<I> handler) {
      checkPath(prefix);
      if (!prefix.endsWith("/")) {
        throw new IllegalArgumentException("a prefix must end with '/': " + prefix);
      }
      prefixRoutes.add(
          new PrefixRoute(
              prefix,
              "POST",
              null,
              Validation.present("type", type),
              (PathBodyHandler<Object>) Validation.present("handler", handler),
              new LatencyRecorder("http " + prefix + "*")));
      return this;
    }

    /**
     * Adds a JSON endpoint answering GET on an exact path with query parameters, e.g. {@code GET
     * /v1/review-queue?reviewer=alice&max=20}; the handler gets {@code ""} as the rest of the path
     * and runs on a worker thread.
     *
     * @param path the exact path
     * @param handler computes the response from the decoded query parameters
     */
    public Builder getWithQuery(String path, PathHandler handler) {
      checkPath(path);
      routes.put(
          path,
          new Route(
              path,
              "GET",
              null,
              null,
              null,
              Validation.present("handler", handler),
              false,
              new LatencyRecorder("http " + path)));
      return this;
    }

    /**
     * Adds an endpoint answering GET with bytes of a given content type (a web page, an image)
     * rather than JSON. Errors are still JSON: throw {@link BadRequestException} as in {@link
     * PathHandler}. The handler runs on a worker thread.
     *
     * @param path the exact path, e.g. {@code "/"} (the only endpoint that may be the root)
     * @param handler computes the response; its {@code rest} argument is empty
     */
    public Builder getRaw(String path, RawHandler handler) {
      if (!"/".equals(path)) {
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
     * /v1/images/42.png}). A POST prefix ({@link #postPrefix}) may share the path.
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
              "GET",
              null,
              null,
              null,
              new LatencyRecorder("http " + prefix + "*"),
              Validation.present("handler", handler)));
      return this;
    }

    /**
     * Adds an endpoint answering POST whose body is not JSON but bytes of one of the given media
     * types (an image upload), with parameters in the query string; the answer is JSON. The body
     * limit, deadline, 413, 415 (another or no Content-Type) and 4xx rules are those of {@link
     * #post}.
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
      if (queueCapacity < 0) {
        queueCapacity = 8 * threads;
      }
      List<String> endpoints = new ArrayList<>(routes.keySet());
      for (PrefixRoute p : prefixRoutes) {
        endpoints.add(p.endpoint());
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
              null,
              false,
              new LatencyRecorder("http /health")));
      routes.put(
          "/metrics",
          new Route(
              "/metrics",
              "GET",
              null,
              null,
              null,
              null,
              true,
              new LatencyRecorder("http /metrics")));
      for (Route r : routes.values()) {
        metrics.bindLatency(r.latency(), "endpoint", r.path());
      }
      for (PrefixRoute p : prefixRoutes) {
        metrics.bindLatency(p.latency(), "endpoint", p.endpoint());
      }
      self[0] = new JsonServer(this);
      try {
        self[0].server.start();
        self[0].headerDeadline.start();
      } catch (IOException e) {
        self[0].close();
        throw e;
      } catch (Exception e) {
        self[0].close();
        throw new IOException("cannot start the HTTP server: " + e.getMessage(), e);
      }
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

    private static Duration positive(String name, Duration d) {
      if (d == null || d.isNegative() || d.isZero()) {
        throw new IllegalArgumentException(name + " must be a positive duration, got " + d);
      }
      return d;
    }
  }
}
