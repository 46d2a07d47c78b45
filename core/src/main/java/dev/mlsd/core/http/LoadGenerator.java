package dev.mlsd.core.http;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntFunction;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * An open-loop load generator: POSTs JSON to one endpoint (or GETs it with a query string, {@link
 * #runGet}) at a fixed rate for a bounded time and reports latency percentiles on HdrHistogram.
 *
 * <p>Request {@code i} is due at {@code start + i / qps}; a pool of client threads takes due
 * requests in order, each on its own keep-alive connection. Latency is measured from the due time,
 * not the send time, so when the server (or the clients) fall behind the waiting counts as latency
 * (no coordinated omission). Requests due during the warm-up are sent but not recorded. A 503 is
 * load shed by the server: counted apart, with its own latency, and not an error; errors are other
 * non-200 answers and transport failures. The latency percentiles are those of the admitted (200)
 * requests.
 *
 * <p>Runs from a documented command, never in the unit tests:
 *
 * <pre>
 *   java -cp core/target/classes:$(cat cp.txt) dev.mlsd.core.http.LoadGenerator \
 *       --url http://127.0.0.1:8080/rank --qps 500 --seconds 20 --body '{"userId":%d,"k":10}'
 * </pre>
 *
 * (or {@code ToyServer --load}, which starts a server and loads it in one JVM).
 *
 * <p>Thread safety: {@link #run(Settings)} may be called from one thread at a time per target.
 */
@Command(
    name = "load-generator",
    mixinStandardHelpOptions = true,
    description = "POST JSON at a fixed rate and report p50/p99/p99.9 latency.")
public final class LoadGenerator implements Callable<Integer> {

  /**
   * A load test.
   *
   * @param target the endpoint's URL
   * @param qps requests per second, at least 1
   * @param warmup sent but not measured, first
   * @param duration measured time after the warm-up
   * @param clients client threads (concurrent connections), at least 1
   * @param body the JSON body of request {@code i}
   */
  public record Settings(
      URI target,
      int qps,
      Duration warmup,
      Duration duration,
      int clients,
      IntFunction<String> body) {
    /** Checks the values. */
    public Settings {
      Validation.present("target", target);
      Validation.range("qps", qps, 1, 1_000_000);
      Validation.range("clients", clients, 1, 4096);
      if (warmup == null || warmup.isNegative() || duration == null || duration.toMillis() < 1) {
        throw new IllegalArgumentException("warmup must be >= 0 and duration > 0");
      }
      Validation.present("body", body);
    }
  }

  /**
   * What a load test measured; latencies in milliseconds, from each request's due time.
   *
   * @param requests measured requests
   * @param shed measured requests answered 503 (load shed by the server; not errors)
   * @param errors measured requests that failed otherwise (another status, or no answer)
   * @param seconds measured wall time
   * @param targetQps the rate asked for
   * @param p50 median latency of the admitted (200) requests
   * @param p99 99th percentile of the admitted requests
   * @param p999 99.9th percentile of the admitted requests
   * @param max slowest admitted request
   * @param shedP99 99th percentile of the 503 answers (how fast the refusal came), 0 if none
   * @param firstError the first failure's description, or {@code "none"}
   */
  public record Report(
      long requests,
      long shed,
      long errors,
      double seconds,
      int targetQps,
      double p50,
      double p99,
      double p999,
      double max,
      double shedP99,
      String firstError) {
    /** Measured requests per second (answered or not). */
    public double achievedQps() {
      return requests / seconds;
    }

    /** Admitted (200) requests per second. */
    public double admittedQps() {
      return (requests - shed - errors) / seconds;
    }

    /** One paragraph for humans. */
    public String toText() {
      return String.format(
          Locale.ROOT,
          "load: %d requests in %.1f s (%.0f/s, target %d/s), %d admitted (%.0f/s),"
              + " %d shed with 503 (p99 %.3f ms), %d errors%n"
              + "admitted latency ms: p50 %.3f  p99 %.3f  p99.9 %.3f  max %.3f%n"
              + "first error: %s",
          requests,
          seconds,
          achievedQps(),
          targetQps,
          requests - shed - errors,
          admittedQps(),
          shed,
          shedP99,
          errors,
          p50,
          p99,
          p999,
          max,
          firstError);
    }
  }

  @Option(
      names = "--url",
      required = true,
      description = "endpoint, e.g. http://127.0.0.1:8080/rank")
  URI url;

  @Option(names = "--qps", description = "requests per second (default 500)")
  int qps = 500;

  @Option(names = "--seconds", description = "measured seconds (default 20)")
  int seconds = 20;

  @Option(names = "--warmup", description = "warm-up seconds (default 5)")
  int warmup = 5;

  @Option(names = "--clients", description = "concurrent connections (default 16)")
  int clients = 16;

  @Option(
      names = "--body",
      description = "JSON body; %%d is replaced by the request number modulo --ids (default {})")
  String body = "{}";

  @Option(names = "--ids", description = "modulus for %%d in --body (default 1000)")
  int ids = 1000;

  /** Entry point; exits 1 if any request failed. */
  public static void main(String[] args) {
    System.exit(new CommandLine(new LoadGenerator()).execute(args));
  }

  @Override
  public Integer call() throws Exception {
    String template = body;
    int modulus = ids;
    Report r =
        run(
            new Settings(
                url,
                qps,
                Duration.ofSeconds(warmup),
                Duration.ofSeconds(seconds),
                clients,
                i -> template.contains("%d") ? String.format(template, i % modulus) : template));
    PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
    out.println(r.toText());
    return r.errors() == 0 ? 0 : 1;
  }

  /** Runs one load test of POSTs (the settings' body to their target) and waits for it. */
  public static Report run(Settings s) throws InterruptedException {
    return run(
        s,
        i ->
            HttpRequest.newBuilder(s.target())
                .timeout(REQUEST_TIMEOUT)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(s.body().apply(i)))
                .build());
  }

  /**
   * Runs one load test of GETs and waits for it: request {@code i} is a GET of the settings' target
   * followed by {@code query.apply(i)} (e.g. {@code "?q=dog&k=10"}, already URL-encoded); the
   * settings' body is not used.
   */
  public static Report runGet(Settings s, IntFunction<String> query) throws InterruptedException {
    String base = s.target().toString();
    return run(
        s,
        i ->
            HttpRequest.newBuilder(URI.create(base + query.apply(i)))
                .timeout(REQUEST_TIMEOUT)
                .GET()
                .build());
  }

  private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);

  private static Report run(Settings s, IntFunction<HttpRequest> requests)
      throws InterruptedException {
    HttpClient client =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    long intervalNanos = TimeUnit.SECONDS.toNanos(1) / s.qps();
    long start = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(50);
    long measureFrom = start + s.warmup().toNanos();
    long end = measureFrom + s.duration().toNanos();
    Recorder latencies = new Recorder(TimeUnit.MINUTES.toNanos(1), 3);
    Recorder shedLatencies = new Recorder(TimeUnit.MINUTES.toNanos(1), 3);
    AtomicLong next = new AtomicLong();
    AtomicLong measured = new AtomicLong();
    AtomicLong shed = new AtomicLong();
    AtomicLong errors = new AtomicLong();
    AtomicReference<String> firstError = new AtomicReference<>("none");
    List<Thread> threads = new ArrayList<>();
    for (int c = 0; c < s.clients(); c++) {
      Thread t =
          new Thread(
              () -> {
                while (true) {
                  long i = next.getAndIncrement();
                  long due = start + i * intervalNanos;
                  if (due >= end) {
                    return;
                  }
                  long wait;
                  while ((wait = due - System.nanoTime()) > 0) {
                    LockSupport.parkNanos(wait);
                  }
                  HttpRequest req = requests.apply((int) i);
                  String error = null;
                  boolean refused = false;
                  try {
                    HttpResponse<byte[]> resp =
                        client.send(req, HttpResponse.BodyHandlers.ofByteArray());
                    if (resp.statusCode() == 503) {
                      refused = true;
                    } else if (resp.statusCode() != 200) {
                      error =
                          "status "
                              + resp.statusCode()
                              + ": "
                              + new String(resp.body(), StandardCharsets.UTF_8);
                    }
                  } catch (IOException e) {
                    error = e.toString();
                  } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                  }
                  long latency = System.nanoTime() - due;
                  if (due >= measureFrom) {
                    long capped = Math.min(latency, TimeUnit.MINUTES.toNanos(1));
                    measured.incrementAndGet();
                    if (error != null) {
                      errors.incrementAndGet();
                      firstError.compareAndSet("none", error);
                    } else if (refused) {
                      shed.incrementAndGet();
                      shedLatencies.recordValue(capped);
                    } else {
                      latencies.recordValue(capped);
                    }
                  }
                }
              },
              "load-" + c);
      t.setDaemon(true);
      threads.add(t);
      t.start();
    }
    for (Thread t : threads) {
      t.join();
    }
    long finished = Math.max(System.nanoTime(), end);
    Histogram h = latencies.getIntervalHistogram();
    Histogram refusals = shedLatencies.getIntervalHistogram();
    client.close();
    return new Report(
        measured.get(),
        shed.get(),
        errors.get(),
        (finished - measureFrom) / 1e9,
        s.qps(),
        h.getValueAtPercentile(50) / 1e6,
        h.getValueAtPercentile(99) / 1e6,
        h.getValueAtPercentile(99.9) / 1e6,
        h.getMaxValue() / 1e6,
        refusals.getValueAtPercentile(99) / 1e6,
        firstError.get());
  }
}
