package dev.mlsd.benchmarks.http;

import dev.mlsd.core.featurestore.InMemoryFeatureStore;
import dev.mlsd.core.http.JsonServer;
import dev.mlsd.core.http.LoadGenerator;
import dev.mlsd.core.serving.ModelHolder;
import dev.mlsd.core.serving.ServingPipeline;
import dev.mlsd.core.toy.ToyCatalog;
import dev.mlsd.core.toy.ToyPipeline;
import dev.mlsd.core.toy.ToyRequest;
import dev.mlsd.core.toy.ToyServer;
import dev.mlsd.core.toy.ToyService;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.Socket;
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
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The measurement behind the choice of HTTP server ({@code docs/http-server.md}): one server per
 * JVM serving the toy pipeline's {@code POST /rank} on 127.0.0.1, loaded open-loop at each rate by
 * core's {@link LoadGenerator} in the same JVM, then probed with stalled clients.
 *
 * <pre>
 *   mvn -B -pl benchmarks -am package -DskipTests
 *   flock /tmp/mlsd-bench.lock java -cp benchmarks/target/benchmarks.jar \
 *       dev.mlsd.benchmarks.http.ServerComparison --server jetty --qps 1000,2000,3000
 * </pre>
 *
 * <p>Servers: {@code jetty} (core's {@code JsonServer}), {@code jdk-robust} and {@code jdk-today}
 * (see {@link JdkHttpCandidate}). Each prints one line per rate (achieved rate, p50/p99/p99.9 of
 * the admitted requests, 503s, errors) and one line for the stalled-client probe (how long {@code
 * /health} and {@code /rank} took with {@code --slow} connections holding a partial body).
 */
@Command(
    name = "server-comparison",
    mixinStandardHelpOptions = true,
    description = "Load one HTTP server candidate serving the toy pipeline; probe slow clients.")
public final class ServerComparison implements Callable<Integer> {
  @Option(names = "--server", description = "jetty, jdk-robust or jdk-today (default jetty)")
  String server = "jetty";

  @Option(names = "--qps", split = ",", description = "rates to hold (default 1000,2000)")
  int[] rates = {1000, 2000};

  @Option(names = "--seconds", description = "measured seconds per rate (default 20)")
  int seconds = 20;

  @Option(names = "--warmup", description = "warm-up seconds per rate (default 5)")
  int warmup = 5;

  @Option(names = "--clients", description = "load generator connections (default 32)")
  int clients = 32;

  @Option(names = "--threads", description = "worker threads (default 2, one per core)")
  int threads = 2;

  @Option(names = "--queue", description = "bounded queue of the robust servers (default 16)")
  int queue = 16;

  @Option(names = "--max-queue-ms", description = "Jetty: longest wait behind others (default 5)")
  int maxQueueMillis = 5;

  @Option(names = "--slow", description = "stalled connections in the probe (default 16)")
  int slow = 16;

  /** Entry point. */
  public static void main(String[] args) {
    System.exit(new CommandLine(new ServerComparison()).execute(args));
  }

  @Override
  public Integer call() throws Exception {
    PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
    if (server.equals("jdk-robust")) {
      // read once when the JDK server's configuration class loads: set before the first server
      System.setProperty("sun.net.httpserver.maxReqTime", "5");
      System.setProperty("jdk.httpserver.maxConnections", "512");
    }
    System.setProperty("sun.net.httpserver.nodelay", "true");
    InMemoryFeatureStore store = new InMemoryFeatureStore();
    ToyCatalog.materialize(store);
    ModelHolder<float[]> model = new ModelHolder<>(ToyCatalog.weights(1), ToyServer.card(1));
    ServingPipeline<ToyRequest> pipeline = ToyPipeline.build(store, model);
    ToyService service = new ToyService(pipeline, model, null);
    AutoCloseable running;
    URI uri;
    int port;
    switch (server) {
      case "jetty" -> {
        JsonServer s =
            JsonServer.builder("toy")
                .threads(threads)
                .queueCapacity(queue)
                .maxQueueWait(Duration.ofMillis(maxQueueMillis))
                .post("/rank", ToyRequest.class, service)
                .start();
        running = s;
        uri = s.uri();
        port = s.port();
      }
      case "jdk-robust", "jdk-today" -> {
        JdkHttpCandidate s =
            new JdkHttpCandidate(service, server.equals("jdk-robust"), threads, queue);
        running = s;
        uri = s.uri();
        port = s.port();
      }
      default ->
          throw new CommandLine.ParameterException(
              new CommandLine(this), "unknown server " + server);
    }
    try (running) {
      for (int qps : rates) {
        LoadGenerator.Report r =
            LoadGenerator.run(
                new LoadGenerator.Settings(
                    uri.resolve("/rank"),
                    qps,
                    Duration.ofSeconds(warmup),
                    Duration.ofSeconds(seconds),
                    clients,
                    i -> "{\"userId\":" + (i % ToyCatalog.USERS) + ",\"k\":10}"));
        out.printf(
            Locale.ROOT,
            "%s qps %d: achieved %.0f/s, admitted p50 %.2f p99 %.2f p99.9 %.2f ms, "
                + "503 %d (p99 %.2f ms), errors %d%n",
            server,
            qps,
            r.achievedQps(),
            r.p50(),
            r.p99(),
            r.p999(),
            r.shed(),
            r.shedP99(),
            r.errors());
      }
      out.println(server + " " + probe(uri, port));
    }
    return 0;
  }

  /** Opens stalled connections (headers sent, one byte of a 100-byte body), then times requests. */
  private String probe(URI uri, int port) throws Exception {
    List<Socket> held = new ArrayList<>();
    try {
      for (int i = 0; i < slow; i++) {
        Socket s = new Socket("127.0.0.1", port);
        OutputStream o = s.getOutputStream();
        o.write(
            ("POST /rank HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                    + "Content-Length: 100\r\n\r\n{")
                .getBytes(StandardCharsets.US_ASCII));
        o.flush();
        held.add(s);
      }
      Thread.sleep(200);
      try (HttpClient client =
          HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()) {
        String health = timed(client, HttpRequest.newBuilder(uri.resolve("/health")).GET());
        String rank =
            timed(
                client,
                HttpRequest.newBuilder(uri.resolve("/rank"))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"userId\":1,\"k\":10}")));
        return "with " + slow + " stalled clients: /health " + health + ", /rank " + rank;
      }
    } finally {
      for (Socket s : held) {
        s.close();
      }
    }
  }

  private static String timed(HttpClient client, HttpRequest.Builder b) {
    long t0 = System.nanoTime();
    try {
      HttpResponse<String> r =
          client.send(
              b.timeout(Duration.ofSeconds(3)).build(), HttpResponse.BodyHandlers.ofString());
      return String.format(
          Locale.ROOT, "%d in %.1f ms", r.statusCode(), (System.nanoTime() - t0) / 1e6);
    } catch (Exception e) {
      return "no answer in 3 s";
    }
  }
}
