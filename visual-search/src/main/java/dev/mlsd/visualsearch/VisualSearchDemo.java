package dev.mlsd.visualsearch;

import dev.mlsd.core.demo.DemoLauncher;
import dev.mlsd.core.demo.DemoOptions;
import dev.mlsd.core.demo.StepNarrator;
import dev.mlsd.core.demo.UserError;
import dev.mlsd.core.http.JsonServer;
import dev.mlsd.core.results.Latency;
import dev.mlsd.core.results.ModuleResults;
import dev.mlsd.visualsearch.data.ImageSet;
import dev.mlsd.visualsearch.evaluation.AnnEvaluation;
import dev.mlsd.visualsearch.evaluation.EncoderComparison;
import dev.mlsd.visualsearch.evaluation.RequestLatency;
import dev.mlsd.visualsearch.model.EncoderConfig;
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
      defaultValue = "" + EncoderConfig.DEFAULT_BUDGET_SECONDS,
      description =
          "Training budget of the encoder in seconds (default ${DEFAULT-VALUE}; --quick: 3).")
  int trainSeconds;

  @Option(
      names = "--supervised-reference",
      description =
          "Also train the supervised-contrastive encoder (it reads the labels) as the upper"
              + " reference; another training budget on its first run.")
  boolean supervisedReference;

  private final java.io.PrintStream out;
  private StepNarrator n;

  /** A demo that narrates to {@code out} (tests pass their own stream). */
  VisualSearchDemo(java.io.PrintStream out) {
    this.out = out;
  }

  public static void main(String[] args) {
    DemoLauncher.run(new VisualSearchDemo(System.out), args);
  }

  @Override
  public Integer call() throws Exception {
    String dataset = options.dataset("fashion-mnist");
    if (!VisualSearchParams.DATASETS.contains(dataset)) {
      throw new UserError(
          "visual-search runs on " + VisualSearchParams.DATASETS + ", not '" + dataset + "'");
    }
    if (trainSeconds < 1) {
      throw new UserError("--train-seconds must be at least 1, got " + trainSeconds);
    }
    VisualSearchParams params =
        new VisualSearchParams(
            dataset,
            options.seed(),
            options.quick(),
            retrain,
            options.quick()
                ? Math.min(VisualSearchParams.QUICK_TRAIN_SECONDS, trainSeconds)
                : trainSeconds,
            dev.mlsd.visualsearch.model.EncoderStore.defaultDir(),
            ServingParams.DEFAULT,
            supervisedReference);

    n = new StepNarrator(out, "visual-search");
    n.banner("Visual search (book chapter 2)", dataset + ": a self-supervised image encoder");
    n.step(1);
    say(
        "Given a query image, or a part of it, return visually similar catalogue images, best first.");
    n.step(2);
    say("Representation learning. An encoder maps an image to a unit embedding; retrieval is");
    say(
        "nearest-neighbour search by cosine. Labels are used only to judge results (same class = relevant).");

    VisualSearchSystem.Prepared prepared = VisualSearchSystem.prepare(params);

    n.step(3);
    prepared.data().reports().forEach(r -> say(r.summary()));
    say(prepared.data().split().description());

    n.step(4);
    say("preprocessing shared by training and serving:");
    say(
        "scale to [0, 1], z-score per channel with gallery statistics: mean "
            + java.util.Arrays.toString(prepared.preprocessor().mean())
            + ", std "
            + java.util.Arrays.toString(prepared.preprocessor().std()));
    say("augmentations for self-supervision: " + prepared.config().augmenter());

    n.step(5);
    say("a CNN encoder trained contrastively (NT-Xent), no labels");
    VisualSearchSystem system = prepared.train(out);
    ImageSet gallery = system.data().split().gallery();
    VisualSearchSystem.TrainedEncoder t = system.trained();
    say(
        t.fromCache()
            ? "reused the cached encoder " + t.file() + " (--retrain to train again)"
            : "trained and cached at " + t.file());
    n.block(t.card().toText());
    say("served by core's inference graph: " + t.encoder().graph().describe().replace('\n', ' '));
    say(
        String.format(
            "parity with DL4J on 64 queries: max |difference| %.2e", t.parityMaxAbsDiff()));
    if (system.supervised() != null) {
      say(
          "upper reference, trained with the labels (same class = positive), never served: "
              + system.supervised().file()
              + (system.supervised().fromCache() ? " (cached)" : ""));
    }

    n.step(6);
    say("every encoder on the same queries, exact search");
    EncoderComparison cmp =
        EncoderComparison.run(
            system.evaluation(),
            system.encoders(),
            r ->
                say(
                    String.format(
                        "%-22s map@10 %s (embed %d ms, exact search %d ms)",
                        r.name(),
                        r.metrics().metrics().get("map@10"),
                        r.embedMillis(),
                        r.searchMillis())));
    n.block(cmp.table());
    say("self-supervised minus raw pixels, mAP@10 paired over queries: " + cmp.verdict());

    n.step(7);
    say("embedding generation -> nearest neighbours (HNSW) -> re-ranking");
    VisualSearchSystem.Serving serving = system.serve(cmp.served().galleryEmbeddings());
    VisualSearchService service = serving.service();
    ImageSet queries = system.data().split().queries();
    AnnEvaluation ann =
        AnnEvaluation.measure(
            service.index(),
            cmp.served().galleryEmbeddings(),
            cmp.served().exact(),
            cmp.served().queryEmbeddings(),
            queries.count(),
            params.serving().search(),
            2_000);
    say(
        String.format(
            "HNSW recall@10 vs exact search %.4f (ef %d); per query p50/p99 %.0f/%.0f us, exact %.0f/%.0f us",
            ann.recallAt10(),
            ann.ef(),
            ann.annP50Us(),
            ann.annP99Us(),
            ann.exactP50Us(),
            ann.exactP99Us()));
    Latency latency = RequestLatency.measure(service, queries, 2_000);
    say(
        String.format(
            "one request in process (decode PNG, preprocess, embed, HNSW, re-rank): p50 %.3f ms, p99 %.3f ms",
            latency.p50Ms(), latency.p99Ms()));
    byte[] query =
        VisualSearchServer.png(
            queries.image(0), gallery.height(), gallery.width(), gallery.channels());
    SearchResponse whole = service.search(query, query.length, null, 5);
    say("query 0, a " + queries.className(0) + ": " + system.describe(whole));
    say(
        "its centre crop: "
            + system.describe(service.search(query, query.length, new CropBox(4, 4, 20, 20), 5)));
    service.gallery().setPrivate(whole.ids()[0], true);
    say(
        "#"
            + whole.ids()[0]
            + " marked private: "
            + system.describe(service.search(query, query.length, null, 5)));
    int added = serving.indexing().add(queries.image(0));
    say(
        "indexing pipeline: query 0 added as #"
            + added
            + " without a rebuild; searching it again skips it"
            + " as a duplicate of the query: "
            + system.describe(service.search(query, query.length, null, 3)));
    Path indexDir = Files.createTempDirectory("visual-search-index");
    serving.indexing().save(indexDir);
    say("index saved and reloaded: " + IndexingPipeline.load(indexDir).index().size() + " vectors");

    say("monitoring and results:");
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
    ModuleResults results = VisualSearchReport.results(system, cmp, ann, latency, service);
    Path report = VisualSearchReport.write(options.out("visual-search"), system, results, cmp, ann);
    say("wrote " + report.getParent().resolve("results.json") + " and " + report);
    if (options.serve()) {
      say("serving the page and the API at " + server.uri() + " (Ctrl-C ends)");
      Thread.currentThread().join();
    }
    server.close();
    n.done();
    return 0;
  }

  private void say(String line) {
    n.say(line);
  }
}
