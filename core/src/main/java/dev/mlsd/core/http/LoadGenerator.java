package dev.mlsd.core.http;

import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.function.IntFunction;
import org.HdrHistogram.Histogram;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * An open-loop load generator: POSTs JSON to one endpoint (or GETs it with a query string, {@link
 * #runGet}) at a fixed rate for a bounded time and reports latency percentiles on HdrHistogram.
 *
 * <p>Request {@code i} is due at {@code start + i / qps} and is sent at that time on an idle
 * keep-alive connection, whatever happened to the requests before it (open loop). Latency is
 * measured from the due time, not the send time, so when the server (or the client) falls behind,
 * the waiting counts as latency (no coordinated omission). Requests due during the warm-up are sent
 * but not recorded. A 503 is load shed by the server: counted apart, with its own latency, and not
 * an error; errors are other non-200 answers and transport failures. The latency percentiles are
 * those of the admitted (200) requests. The client is raw HTTP/1.1 on non-blocking sockets, one
 * pacing thread and one reading thread ({@code OpenLoopClient}), so that it takes little of a small
 * machine's CPU; {@link #runInOwnProcess} runs it in a JVM of its own.
 *
 * <p>Why not {@code wrk}: it waits for each answer before sending the next request on a connection
 * and times from the send, so a stalled server is charged once per connection rather than once per
 * request that should have been sent (coordinated omission); its open-loop fork {@code wrk2} is not
 * packaged by Debian.
 *
 * <p>Runs from a documented command, never in the unit tests:
 *
 * <pre>
 *   java -cp benchmarks/target/benchmarks.jar dev.mlsd.core.http.LoadGenerator \
 *       --url http://127.0.0.1:8080/rank --qps 500 --seconds 20 --body '{"userId":%d,"k":10}'
 * </pre>
 *
 * (or {@code ToyServer --load}, which starts a server and loads it from a second JVM).
 *
 * <p>Thread safety: {@link #run(Settings)} may be called from one thread at a time per target.
 */
@Command(
    name = "load-generator",
    mixinStandardHelpOptions = true,
    description = "POST JSON (or GET) at a fixed rate and report p50/p99/p99.9 latency.")
public final class LoadGenerator implements Callable<Integer> {

  /**
   * A load test.
   *
   * @param target the endpoint's URL
   * @param qps requests per second, at least 1
   * @param warmup sent but not measured, first
   * @param duration measured time after the warm-up
   * @param clients concurrent keep-alive connections, at least 1
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
   * @param shedP50 median of the 503 answers, 0 if none
   * @param shedP99 99th percentile of the 503 answers (how fast the refusal came), 0 if none
   * @param firstError the first failure's description, or {@code "none"}
   * @param clientCpuSeconds CPU the load generator used over the whole run: its two threads when
   *     run in the server's JVM, its whole process (JIT and GC included) when run in its own
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
      double shedP50,
      double shedP99,
      String firstError,
      double clientCpuSeconds) {
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
              + " %d shed with 503 (p50 %.3f ms, p99 %.3f ms), %d errors%n"
              + "admitted latency ms: p50 %.3f  p99 %.3f  p99.9 %.3f  max %.3f%n"
              + "load generator CPU: %.1f s%n"
              + "first error: %s",
          requests,
          seconds,
          achievedQps(),
          targetQps,
          requests - shed - errors,
          admittedQps(),
          shed,
          shedP50,
          shedP99,
          errors,
          p50,
          p99,
          p999,
          max,
          clientCpuSeconds,
          firstError);
    }

    /** One tab-separated line, read back by {@link #parse} in the JVM that started the run. */
    String toMachineLine() {
      return MACHINE_PREFIX
          + String.join(
              "\t",
              Long.toString(requests),
              Long.toString(shed),
              Long.toString(errors),
              Double.toString(seconds),
              Integer.toString(targetQps),
              Double.toString(p50),
              Double.toString(p99),
              Double.toString(p999),
              Double.toString(max),
              Double.toString(shedP50),
              Double.toString(shedP99),
              Double.toString(clientCpuSeconds),
              firstError.replace('\t', ' ').replace('\n', ' ').replace('\r', ' '));
    }

    static Report parse(String line) {
      String[] f = line.substring(MACHINE_PREFIX.length()).split("\t", 13);
      return new Report(
          Long.parseLong(f[0]),
          Long.parseLong(f[1]),
          Long.parseLong(f[2]),
          Double.parseDouble(f[3]),
          Integer.parseInt(f[4]),
          Double.parseDouble(f[5]),
          Double.parseDouble(f[6]),
          Double.parseDouble(f[7]),
          Double.parseDouble(f[8]),
          Double.parseDouble(f[9]),
          Double.parseDouble(f[10]),
          f[12],
          Double.parseDouble(f[11]));
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

  @Option(names = "--duration-ms", hidden = true, description = "measured ms (overrides --seconds)")
  long durationMillis = -1;

  @Option(names = "--warmup-ms", hidden = true, description = "warm-up ms (overrides --warmup)")
  long warmupMillis = -1;

  @Option(names = "--clients", description = "concurrent connections (default 16)")
  int clients = 16;

  @Option(
      names = "--body",
      description = "JSON body; %%d is replaced by the request number modulo --ids (default {})")
  String body = "{}";

  @Option(names = "--ids", description = "modulus for %%d in --body (default 1000)")
  int ids = 1000;

  @Option(
      names = "--requests-file",
      description = "a file of request bodies (or, with --get, query strings), one a line, cycled")
  Path requestsFile;

  @Option(names = "--get", description = "GET the URL followed by each line of --requests-file")
  boolean get;

  @Option(
      names = "--binary-dir",
      description = "POST the bytes of each file in this folder (name order, cycled) as the body")
  Path binaryDir;

  @Option(
      names = "--content-type",
      description = "Content-Type of --binary-dir's bodies (default ${DEFAULT-VALUE})")
  String contentType = "application/octet-stream";

  @Option(names = "--machine-readable", hidden = true, description = "also print one report line")
  boolean machineReadable;

  @Option(
      names = "--interval-seconds",
      description =
          "after the run, print to stderr one line per interval of this many seconds (requests,"
              + " p50, p99, max, 503s, errors) and the errors by kind (default 0: none)")
  int intervalSeconds;

  /** Entry point; exits 1 if any request failed. */
  public static void main(String[] args) {
    System.exit(new CommandLine(new LoadGenerator()).execute(args));
  }

  @Override
  public Integer call() throws Exception {
    String template = body;
    int modulus = ids;
    List<String> lines =
        requestsFile == null ? List.of() : Files.readAllLines(requestsFile, StandardCharsets.UTF_8);
    if (requestsFile != null && lines.isEmpty()) {
      throw new CommandLine.ParameterException(
          new CommandLine(this), "--requests-file has no lines: " + requestsFile);
    }
    if (get && requestsFile == null) {
      lines = List.of("");
    }
    List<String> perLine = lines;
    Settings s =
        new Settings(
            url,
            qps,
            warmupMillis >= 0 ? Duration.ofMillis(warmupMillis) : Duration.ofSeconds(warmup),
            durationMillis > 0 ? Duration.ofMillis(durationMillis) : Duration.ofSeconds(seconds),
            clients,
            perLine.isEmpty()
                ? i -> template.contains("%d") ? String.format(template, i % modulus) : template
                : i -> perLine.get(i % perLine.size()));
    Report threads;
    String path = pathOf(s.target());
    IntFunction<byte[]> requests;
    if (binaryDir != null) {
      List<byte[]> bodies = readBodies(binaryDir);
      byte[][] all = new byte[bodies.size()][];
      for (int i = 0; i < all.length; i++) {
        all[i] = OpenLoopClient.request(s.target(), path, contentType, bodies.get(i));
      }
      requests = i -> all[i % all.length];
    } else if (get) {
      requests =
          i -> OpenLoopClient.request(s.target(), path + perLine.get(i % perLine.size()), null);
    } else {
      requests = i -> OpenLoopClient.request(s.target(), path, s.body().apply(i));
    }
    try {
      threads = OpenLoopClient.run(s, requests, intervalSeconds, System.err);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException("cannot connect to " + s.target(), e);
    }
    // in a JVM of its own, the generator's cost is the whole process's: JIT and GC included
    Report r =
        new Report(
            threads.requests(),
            threads.shed(),
            threads.errors(),
            threads.seconds(),
            threads.targetQps(),
            threads.p50(),
            threads.p99(),
            threads.p999(),
            threads.max(),
            threads.shedP50(),
            threads.shedP99(),
            threads.firstError(),
            ((com.sun.management.OperatingSystemMXBean)
                        ManagementFactory.getOperatingSystemMXBean())
                    .getProcessCpuTime()
                / 1e9);
    PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
    out.println(r.toText());
    if (machineReadable) {
      out.println(r.toMachineLine());
    }
    return r.errors() == 0 ? 0 : 1;
  }

  /** Runs one load test of POSTs (the settings' body to their target) in this JVM. */
  public static Report run(Settings s) throws InterruptedException {
    String path = pathOf(s.target());
    return runHere(s, i -> OpenLoopClient.request(s.target(), path, s.body().apply(i)));
  }

  /**
   * Runs one load test of GETs in this JVM: request {@code i} is a GET of the settings' target
   * followed by {@code query.apply(i)} (e.g. {@code "?q=dog&k=10"}, already URL-encoded); the
   * settings' body is not used.
   */
  public static Report runGet(Settings s, IntFunction<String> query) throws InterruptedException {
    String path = pathOf(s.target());
    return runHere(s, i -> OpenLoopClient.request(s.target(), path + query.apply(i), null));
  }

  /**
   * Runs one load test of binary POSTs in this JVM: request {@code i} is {@code bodies.get(i %
   * bodies.size())} sent as {@code contentType}; the settings' body is not used.
   */
  public static Report runBinary(Settings s, String contentType, List<byte[]> bodies)
      throws InterruptedException {
    if (bodies.isEmpty()) {
      throw new IllegalArgumentException("no bodies to send");
    }
    String path = pathOf(s.target());
    byte[][] requests = new byte[bodies.size()][];
    for (int i = 0; i < requests.length; i++) {
      requests[i] = OpenLoopClient.request(s.target(), path, contentType, bodies.get(i));
    }
    return runHere(s, i -> requests[i % requests.length]);
  }

  private static List<byte[]> readBodies(Path dir) throws IOException {
    List<byte[]> bodies = new ArrayList<>();
    try (var files = Files.list(dir)) {
      for (Path f : files.filter(Files::isRegularFile).sorted().toList()) {
        bodies.add(Files.readAllBytes(f));
      }
    }
    if (bodies.isEmpty()) {
      throw new IOException("--binary-dir has no files: " + dir);
    }
    return bodies;
  }

  /**
   * Runs one load test of binary POSTs in a JVM of its own, as {@link #runInOwnProcess} does for
   * text: the bodies are written to a temporary folder, one file each, and cycled through.
   *
   * @param s the load test (its body is not used)
   * @param contentType the bodies' Content-Type, e.g. {@code image/png}
   * @param bodies at least one body
   */
  public static Report runBinaryInOwnProcess(Settings s, String contentType, List<byte[]> bodies)
      throws IOException, InterruptedException {
    if (bodies.isEmpty()) {
      throw new IllegalArgumentException("no bodies to send");
    }
    Path dir = Files.createTempDirectory("mlsd-load-");
    try {
      for (int i = 0; i < bodies.size(); i++) {
        Files.write(dir.resolve(String.format(Locale.ROOT, "%08d", i)), bodies.get(i));
      }
      return runOwnProcess(
          s, List.of("--binary-dir", dir.toString(), "--content-type", contentType));
    } finally {
      try (var files = Files.list(dir)) {
        for (Path f : files.toList()) {
          Files.deleteIfExists(f);
        }
      }
      Files.deleteIfExists(dir);
    }
  }

  /**
   * Runs one load test in a JVM of its own and waits for it, so that the generator's CPU and
   * garbage collection do not share the server's JVM (its threads still share the machine's cores:
   * {@link Report#clientCpuSeconds} says how much they took). Request {@code i} is the settings'
   * body {@code i} POSTed (or, with {@code get}, a GET of the target followed by query {@code i});
   * the first {@code distinct} of them are written to a temporary file and cycled through.
   *
   * @param s the load test
   * @param get GET with {@code perRequest} as the query string, rather than POST it as the body
   * @param perRequest the body (or query) of request {@code i}, one line
   * @param distinct how many distinct requests to cycle through, at least 1
   */
  public static Report runInOwnProcess(
      Settings s, boolean get, IntFunction<String> perRequest, int distinct)
      throws IOException, InterruptedException {
    return runInOwnProcess(s, get, perRequest, distinct, 0);
  }

  /**
   * {@link #runInOwnProcess(Settings, boolean, IntFunction, int)}, and the generator prints to this
   * process's stderr, after the run, one line per {@code intervalSeconds} of the measured window
   * (requests, admitted p50, p99 and max, 503s, errors) and the errors by kind: a soak's figures
   * over time. 0: no such lines.
   */
  public static Report runInOwnProcess(
      Settings s, boolean get, IntFunction<String> perRequest, int distinct, int intervalSeconds)
      throws IOException, InterruptedException {
    Validation.range("distinct", distinct, 1, 1 << 20);
    Path file = Files.createTempFile("mlsd-load-", ".txt");
    try {
      List<String> lines = new ArrayList<>(distinct);
      for (int i = 0; i < distinct; i++) {
        String line = perRequest.apply(i);
        if (line.indexOf('\n') >= 0 || line.indexOf('\r') >= 0) {
          throw new IllegalArgumentException("request " + i + " spans lines");
        }
        lines.add(line);
      }
      Files.write(file, lines, StandardCharsets.UTF_8);
      List<String> input =
          new ArrayList<>(
              List.of(
                  "--requests-file",
                  file.toString(),
                  "--interval-seconds",
                  Integer.toString(intervalSeconds)));
      if (get) {
        input.add("--get");
      }
      return runOwnProcess(s, input);
    } finally {
      Files.deleteIfExists(file);
    }
  }

  /** Starts the generator's JVM on {@code s} with {@code input}'s options, and reads its report. */
  private static Report runOwnProcess(Settings s, List<String> input)
      throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(ProcessHandle.current().info().command().orElse("java"));
    command.addAll(List.of("-XX:+UseSerialGC", "-Xmx256m", "-cp", classPath()));
    command.add(LoadGenerator.class.getName());
    command.addAll(
        List.of(
            "--url",
            s.target().toString(),
            "--qps",
            Integer.toString(s.qps()),
            "--warmup-ms",
            Long.toString(s.warmup().toMillis()),
            "--duration-ms",
            Long.toString(s.duration().toMillis()),
            "--clients",
            Integer.toString(s.clients()),
            "--machine-readable"));
    command.addAll(input);
    Process p = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
    String report = null;
    try (var lines = p.inputReader(StandardCharsets.UTF_8)) {
      for (String line; (line = lines.readLine()) != null; ) {
        if (line.startsWith(MACHINE_PREFIX)) {
          report = line;
        }
      }
    }
    int exit = p.waitFor();
    if (report == null) {
      throw new IOException("the load generator's JVM exited " + exit + " without a report");
    }
    return Report.parse(report);
  }

  private static final String MACHINE_PREFIX = "load-report\t";

  /** The jars (or class folders) this class and its libraries come from. */
  private static String classPath() {
    java.util.LinkedHashSet<String> parts = new java.util.LinkedHashSet<>();
    for (Class<?> c : List.of(LoadGenerator.class, Histogram.class, CommandLine.class)) {
      try {
        parts.add(
            Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI()).toString());
      } catch (java.net.URISyntaxException e) {
        throw new IllegalStateException("cannot locate " + c.getName(), e);
      }
    }
    return String.join(java.io.File.pathSeparator, parts);
  }

  private static String pathOf(URI target) {
    String path =
        target.getRawPath() == null || target.getRawPath().isEmpty() ? "/" : target.getRawPath();
    return target.getRawQuery() == null ? path : path + "?" + target.getRawQuery();
  }

  private static Report runHere(Settings s, IntFunction<byte[]> requests)
      throws InterruptedException {
    try {
      return OpenLoopClient.run(s, requests);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException("cannot connect to " + s.target(), e);
    }
  }
}
