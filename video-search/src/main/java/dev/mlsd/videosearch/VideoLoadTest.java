package dev.mlsd.videosearch;

import dev.mlsd.core.data.Datasets;
import dev.mlsd.core.demo.DemoLauncher;
import dev.mlsd.core.demo.QuietStdout;
import dev.mlsd.core.http.JsonServer;
import dev.mlsd.core.http.LoadGenerator;
import dev.mlsd.videosearch.data.SearchQuery;
import dev.mlsd.videosearch.serving.SearchService;
import dev.mlsd.videosearch.serving.VideoSearchServer;
import java.io.PrintStream;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The HTTP load test of {@code GET /v1/search?q=...&k=10}: builds the system with {@link
 * VideoSearchParams#latency} (the whole DiDeMo catalogue, one epoch: a request costs the same as
 * after the full training), starts {@link VideoSearchServer} on 127.0.0.1 and holds each fixed
 * request rate in turn with core's {@link LoadGenerator}, queries drawn in order from the test
 * queries. Prints p50, p99 and p99.9 per rate, the load average beside them, and the in-process
 * pipeline's percentiles at the end.
 *
 * <pre>
 *   flock /tmp/mlsd-bench.lock mvn -pl video-search exec:java \
 *       -Dexec.mainClass=dev.mlsd.videosearch.VideoLoadTest -Dexec.args="--qps 100,200,400"
 * </pre>
 */
@Command(
    name = "video-load-test",
    mixinStandardHelpOptions = true,
    description = "Load-test GET /v1/search at fixed rates.")
public final class VideoLoadTest implements Callable<Integer> {
  @Option(
      names = "--qps",
      split = ",",
      defaultValue = "100,200,400",
      description = "request rates, one run each (default 100,200,400)")
  List<Integer> rates;

  @Option(names = "--seconds", defaultValue = "20", description = "measured seconds (default 20)")
  int seconds;

  @Option(names = "--warmup", defaultValue = "5", description = "warm-up seconds (default 5)")
  int warmup;

  @Option(names = "--clients", defaultValue = "16", description = "connections (default 16)")
  int clients;

  private final PrintStream out;

  VideoLoadTest(PrintStream out) {
    this.out = out;
  }

  /** Entry point; exits 1 if any request failed. */
  public static void main(String[] args) {
    System.setProperty("org.slf4j.simpleLogger.log.org.nd4j", "error");
    System.setProperty("org.slf4j.simpleLogger.log.org.deeplearning4j", "error");
    DemoLauncher.run(new VideoLoadTest(System.out), args);
  }

  @Override
  public Integer call() throws Exception {
    VideoSearchParams params = VideoSearchParams.latency(42);
    Path dir = Files.createTempDirectory("video-load-test");
    VideoSearchSystem s;
    try (QuietStdout quiet = QuietStdout.dropping("Added differentiated op")) {
      s =
          VideoSearchSystem.build(
              Datasets.fromEnvironment().directory("didemo"), dir, params, line -> {});
    }
    List<String> queries =
        s.data().test().stream()
            .map(SearchQuery::text)
            .map(q -> "?k=10&q=" + URLEncoder.encode(q, StandardCharsets.UTF_8))
            .toList();
    SearchService service = new SearchService(s.served(), s.indexer(), params.model().dimension());
    long errors = 0;
    try (JsonServer server =
        VideoSearchServer.start(
            service,
            s.indexer(),
            new VideoSearchServer.Served(s.served(), s.tuning().best() + ""),
            0)) {
      URI target = server.uri().resolve("/v1/search");
      for (int qps : rates) {
        out.printf(
            "load test: GET %s, %d requests/s, %d s after %d s warm-up, %d clients, %d queries%n",
            target, qps, seconds, warmup, clients, queries.size());
        // the load generator in a JVM of its own, so its CPU and GC stay out of the server's
        LoadGenerator.Report rep =
            LoadGenerator.runInOwnProcess(
                new LoadGenerator.Settings(
                    target,
                    qps,
                    Duration.ofSeconds(warmup),
                    Duration.ofSeconds(seconds),
                    clients,
                    i -> ""),
                true,
                queries::get,
                queries.size());
        out.println(rep.toText());
        out.println("loadavg: " + Files.readString(Path.of("/proc/loadavg")).strip());
        errors += rep.errors();
      }
    } finally {
      s.close();
    }
    var total = s.served().totalLatency();
    out.printf(
        Locale.ROOT,
        "pipeline (in-process, all requests incl. warm-up): p50 %.0f us, p99 %.0f us, p99.9 %.0f"
            + " us%n",
        total.percentileMicros(50),
        total.percentileMicros(99),
        total.percentileMicros(99.9));
    s.served()
        .stageLatencies()
        .forEach(
            (stage, h) -> {
              if (h.count() > 0) {
                out.printf(
                    Locale.ROOT,
                    "  stage %-20s p50 %5.0f us, p99 %6.0f us%n",
                    stage,
                    h.percentileMicros(50),
                    h.percentileMicros(99));
              }
            });
    return errors == 0 ? 0 : 1;
  }
}
