package dev.mlsd.visualsearch;

import dev.mlsd.core.demo.DemoLauncher;
import dev.mlsd.core.demo.DemoOptions;
import dev.mlsd.core.demo.UserError;
import dev.mlsd.core.http.JsonServer;
import dev.mlsd.core.monitoring.LatencyRecorder;
import dev.mlsd.core.results.Latency;
import dev.mlsd.core.results.ModuleResults;
import dev.mlsd.visualsearch.data.ImageSet;
import dev.mlsd.visualsearch.evaluation.AnnEvaluation;
import dev.mlsd.visualsearch.evaluation.EncoderComparison;
import dev.mlsd.visualsearch.evaluation.RetrievalEvaluation;
import dev.mlsd.visualsearch.model.PcaEmbedder;
import dev.mlsd.visualsearch.model.RawPixelEmbedder;
import dev.mlsd.visualsearch.serving.CropBox;
import dev.mlsd.visualsearch.serving.IndexingPipeline;
import dev.mlsd.visualsearch.serving.SearchResponse;
import dev.mlsd.visualsearch.serving.ServingParams;
import dev.mlsd.visualsearch.serving.VisualSearchServer;
import dev.mlsd.visualsearch.serving.VisualSearchService;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Chapter 2 end to end, narrated in the book's seven steps: a self-supervised CNN encoder against
 * raw pixels, PCA and a random-weight CNN on one retrieval protocol, HNSW beside exact search, the
 * three serving services and the indexing pipeline behind HTTP, results.json and report.html.
 *
 * <p>{@code mvn -pl visual-search exec:java -Dexec.args="--quick"} runs in seconds.
 */
@Command(
    name = "visual-search",
    mixinStandardHelpOptions = true,
    description = "Visual search (book chapter 2) on Fashion-MNIST (default) or cifar10-test.")
public final class VisualSearchDemo implements Callable<Integer> {
  @Mixin DemoOptions options;

  @Option(
      names = "--retrain",
      description = "Train the encoder even if a cached one matches its card.")
  boolean retrain;

  @Option(
      names = "--train-seconds",
      defaultValue = "540",
      description =
          "Training budget of the encoder in seconds (default ${DEFAULT-VALUE}; --quick: 8).")
  int trainSeconds;

  public static void main(String[] args) {
    DemoLauncher.run(new VisualSearchDemo(), args);
  }

  @Override
  public Integer call() throws Exception {
    String dataset = options.dataset("fashion-mnist");
    if (!VisualSearchParams.DATASETS.contains(dataset)) {
      throw new UserError(
          "visual-search runs on " + VisualSearchParams.DATASETS + ", not '" + dataset + "'");
    }
    VisualSearchParams params =
        new VisualSearchParams(
            dataset,
            options.seed(),
            options.quick(),
            retrain,
            options.quick() ? Math.min(8, trainSeconds) : trainSeconds,
            dev.mlsd.visualsearch.model.EncoderStore.defaultDir(),
            ServingParams.DEFAULT);

    step(1, "Requirements and framing");
    say(
        "Given a query image, or a part of it, return visually similar catalogue images, best first.");
    say(
        "Framing: representation learning. An encoder maps an image to a unit embedding; retrieval is");
    say(
        "nearest-neighbour search by cosine. Labels are used only to judge results (same class = relevant).");

    VisualSearchSystem system = VisualSearchSystem.build(params, System.out);
    ImageSet gallery = system.data().split().gallery();

    step(2, "Data");
    system.data().reports().forEach(r -> say(r.summary()));
    say(system.data().split().description());

    step(3, "Features: preprocessing shared by training and serving");
    say(
        "scale to [0, 1], z-score per channel with gallery statistics: mean "
            + java.util.Arrays.toString(system.preprocessor().mean())
            + ", std "
            + java.util.Arrays.toString(system.preprocessor().std()));
    say("augmentations for self-supervision: " + system.config().augmenter());

    step(4, "Model: a CNN encoder trained contrastively (NT-Xent), no labels");
    VisualSearchSystem.TrainedEncoder t = system.trained();
    say(
        t.fromCache()
            ? "reused the cached encoder " + t.file() + " (--retrain to train again)"
            : "trained and cached at " + t.file());
    System.out.println(t.card().toText());
    say("served by core's inference graph: " + t.encoder().graph().describe().replace('\n', ' '));
    say(
        String.format(
            "parity with DL4J on 64 queries: max |difference| %.2e", t.parityMaxAbsDiff()));

    step(5, "Evaluation: every encoder on the same queries, exact search");
    RetrievalEvaluation protocol = system.evaluation();
    List<dev.mlsd.visualsearch.model.ImageEmbedder> embedders =
        List.of(
            new RawPixelEmbedder(system.preprocessor()),
            PcaEmbedder.fit(
                system.galleryImages(),
                gallery.count(),
                system.preprocessor().imageSize(),
                10_000,
                128,
                params.seed()),
            system.randomCnn(),
            t.encoder());
    EncoderComparison cmp =
        EncoderComparison.run(
            protocol,
            embedders,
            r ->
                say(
                    String.format(
                        "%-22s %s  (embed %d ms, exact search %d ms)",
                        r.name(),
                        r.metrics().metrics().get("map@10"),
                        r.embedMillis(),
                        r.searchMillis())));
    printTable(cmp);
    say(
        "self-supervised minus raw pixels, mAP@10 (paired): "
            + cmp.mapGainOverFirst()
            + (cmp.mapGainOverFirst().lower() > 0
                ? ": better beyond the noise"
                : cmp.mapGainOverFirst().upper() < 0
                    ? ": worse beyond the noise"
                    : ": inside the noise"));

    step(
        6,
        "Serving: embedding generation -> nearest neighbours (HNSW) -> re-ranking; indexing pipeline");
    VisualSearchSystem.Serving serving = system.serve(cmp.served().galleryEmbeddings());
    VisualSearchService service = serving.service();
    AnnEvaluation ann =
        AnnEvaluation.measure(
            service.index(),
            cmp.served().galleryEmbeddings(),
            cmp.served().queryEmbeddings(),
            system.data().split().queries().count(),
            params.serving().search(),
            2_000);
    say(
        String.format(
            "HNSW recall@10 against exact search %.4f (ef %d); per query p50/p99 %.0f/%.0f us vs exact %.0f/%.0f us",
            ann.recallAt10(),
            ann.ef(),
            ann.annP50Us(),
            ann.annP99Us(),
            ann.exactP50Us(),
            ann.exactP99Us()));
    Latency latency = requestLatency(system, service);
    say(
        String.format(
            "one request in-process (decode PNG, preprocess, embed, HNSW, re-rank): p50 %.3f ms, p99 %.3f ms over %d",
            latency.p50Ms(), latency.p99Ms(), latency.requests()));
    byte[] query =
        VisualSearchServer.png(
            pixels(system.data().split().queries(), 0),
            gallery.height(),
            gallery.width(),
            gallery.channels());
    SearchResponse whole = service.search(query, query.length, null, 5);
    SearchResponse crop = service.search(query, query.length, new CropBox(4, 4, 20, 20), 5);
    say(
        "query 0 ("
            + system
                .data()
                .split()
                .queries()
                .classNames()
                .get(system.data().split().queries().labels()[0])
            + "): "
            + describe(system, whole)
            + "; its centre crop: "
            + describe(system, crop));
    service.gallery().setPrivate(whole.ids()[0], true);
    say(
        "after marking #"
            + whole.ids()[0]
            + " private: "
            + describe(system, service.search(query, query.length, null, 5)));
    int added = serving.indexing().add(pixels(system.data().split().queries(), 0));
    say(
        "indexing pipeline: query 0 added as #"
            + added
            + " without a rebuild; its own search now skips it as a duplicate: "
            + describe(system, service.search(query, query.length, null, 3)));
    Path indexDir = Files.createTempDirectory("visual-search-index");
    serving.indexing().save(indexDir);
    say(
        "saved and reloaded the index: "
            + IndexingPipeline.load(indexDir).index().size()
            + " vectors");

    step(7, "Monitoring and results");
    JsonServer server =
        VisualSearchServer.start(service, serving.indexing(), system::classOf, options.port());
    HttpResponse<String> http =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(server.uri().resolve("/v1/search?k=3&crop=2,2,24,24"))
                    .header("Content-Type", "image/png")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(query))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    say("POST /v1/search over HTTP: " + http.statusCode() + " " + http.body());
    ModuleResults results =
        VisualSearchReport.results(
            system, cmp, ann, latency, Map.of("request_stages", stages(service)));
    Path report = VisualSearchReport.write(options.out("visual-search"), system, results, cmp, ann);
    say("wrote " + report.getParent().resolve("results.json") + " and " + report);
    if (options.serve()) {
      say("serving the page and API at " + server.uri() + " (Ctrl-C ends)");
      Thread.currentThread().join();
    }
    server.close();
    return 0;
  }

  private static void printTable(EncoderComparison cmp) {
    List<String> names = List.copyOf(cmp.served().metrics().metrics().keySet());
    StringBuilder h = new StringBuilder(String.format("%-22s", "encoder"));
    names.forEach(n -> h.append(String.format(" %-24s", n)));
    System.out.println(h);
    for (RetrievalEvaluation.Result r : cmp.results()) {
      StringBuilder row = new StringBuilder(String.format("%-22s", r.name()));
      names.forEach(
          n -> {
            var ci = r.metrics().metrics().get(n);
            row.append(
                String.format(" %.4f [%.4f, %.4f]  ", ci.estimate(), ci.lower(), ci.upper()));
          });
      System.out.println(row);
    }
  }

  /**
   * Times one in-process request per query (single thread), from PNG bytes to the re-ranked top 10.
   */
  private static Latency requestLatency(VisualSearchSystem system, VisualSearchService service) {
    ImageSet q = system.data().split().queries();
    int n = Math.min(2_000, q.count());
    byte[][] pngs = new byte[n][];
    for (int i = 0; i < n; i++) {
      pngs[i] = VisualSearchServer.png(pixels(q, i), q.height(), q.width(), q.channels());
    }
    LatencyRecorder r = new LatencyRecorder("request");
    for (int round = 0; round < 2; round++) { // the first round warms the JIT up
      for (int i = 0; i < n; i++) {
        long t0 = System.nanoTime();
        service.search(pngs[i], pngs[i].length, null, 10);
        if (round == 1) {
          r.recordNanos(System.nanoTime() - t0);
        }
      }
    }
    return Latency.ofMicros(
        r.percentileMicros(50), r.percentileMicros(99), r.percentileMicros(99.9), n);
  }

  private static Map<String, Double> stages(VisualSearchService service) {
    Map<String, Double> m = new java.util.LinkedHashMap<>();
    service.stageLatencies().forEach(l -> m.put(l.name() + " p50 us", l.percentileMicros(50)));
    return m;
  }

  private static byte[] pixels(ImageSet s, int i) {
    return java.util.Arrays.copyOfRange(s.pixels(), i * s.imageSize(), (i + 1) * s.imageSize());
  }

  private static String describe(VisualSearchSystem system, SearchResponse r) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < r.ids().length; i++) {
      sb.append(i == 0 ? "" : ", ")
          .append('#')
          .append(r.ids()[i])
          .append(' ')
          .append(system.classOf(r.ids()[i]))
          .append(String.format(" %.3f", r.scores()[i]));
    }
    return sb.toString();
  }

  private static void step(int n, String title) {
    System.out.println();
    System.out.println("== " + n + ". " + title);
  }

  private static void say(String line) {
    System.out.println("   " + line);
  }
}
