package dev.mlsd.visualsearch;

import dev.mlsd.core.ann.HnswIndex;
import dev.mlsd.core.ann.Similarity;
import dev.mlsd.core.data.Datasets;
import dev.mlsd.core.demo.DemoLauncher;
import dev.mlsd.core.http.JsonServer;
import dev.mlsd.core.http.LoadGenerator;
import dev.mlsd.core.http.LoadOptions;
import dev.mlsd.core.http.ServerBreakdown;
import dev.mlsd.core.monitoring.LatencyRecorder;
import dev.mlsd.visualsearch.data.FashionMnist;
import dev.mlsd.visualsearch.data.ImageSet;
import dev.mlsd.visualsearch.features.Preprocessor;
import dev.mlsd.visualsearch.model.CnnEncoder;
import dev.mlsd.visualsearch.model.Encoder;
import dev.mlsd.visualsearch.model.EncoderStore;
import dev.mlsd.visualsearch.serving.Gallery;
import dev.mlsd.visualsearch.serving.IndexingPipeline;
import dev.mlsd.visualsearch.serving.ServingParams;
import dev.mlsd.visualsearch.serving.VisualSearchServer;
import dev.mlsd.visualsearch.serving.VisualSearchService;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The HTTP load test of {@code POST /v1/search?k=10} with a 28x28 PNG body: builds the serving side
 * of the demo without training (the 60,000 Fashion-MNIST gallery images embedded by the demo's
 * cached encoder, or by the same CNN with seeded random weights when none is cached: the cost of a
 * request does not depend on the weights), indexes them in HNSW, starts {@link VisualSearchServer}
 * on 127.0.0.1 with the given limits, and holds each fixed rate of uploads in turn (the test images
 * as PNGs, cycled) with core's {@link LoadGenerator} in a JVM of its own. Prints the admitted p50,
 * p99 and p99.9, the 503s and where the server's time went ({@link ServerBreakdown}: decode, embed,
 * ANN and re-rank stages, the wait for a worker, CPU per thread group). The options are core's
 * {@link LoadOptions}; {@code --threads}, {@code --queue} and {@code --max-queue-ms} do not reach
 * this server, which keeps {@link JsonServer}'s defaults.
 *
 * <pre>
 *   flock /tmp/mlsd-bench.lock mvn -pl visual-search exec:java \
 *       -Dexec.mainClass=dev.mlsd.visualsearch.VisualSearchLoadTest \
 *       -Dexec.args="--qps 200,400 --seconds 60"
 * </pre>
 */
@Command(
    name = "visual-search-load-test",
    mixinStandardHelpOptions = true,
    description = "Load-test POST /v1/search (a 28x28 PNG) at fixed rates.")
public final class VisualSearchLoadTest implements Callable<Integer> {
  @Mixin LoadOptions load;

  @Option(
      names = "--images",
      defaultValue = "1000",
      description = "distinct test images sent as PNGs, cycled (default ${DEFAULT-VALUE})")
  int images;

  private final PrintStream out;

  VisualSearchLoadTest(PrintStream out) {
    this.out = out;
  }

  /** Entry point; exits 1 if any request failed. */
  public static void main(String[] args) {
    System.setProperty("org.slf4j.simpleLogger.log.org.nd4j", "error");
    System.setProperty("org.slf4j.simpleLogger.log.org.deeplearning4j", "error");
    DemoLauncher.run(new VisualSearchLoadTest(System.out), args);
  }

  @Override
  public Integer call() throws Exception {
    Datasets d = Datasets.fromEnvironment();
    ImageSet gallery = FashionMnist.train(d).images();
    ImageSet queries = FashionMnist.test(d).images();
    Preprocessor pre = Preprocessor.fit(gallery);
    EncoderStore.DemoEncoder demo =
        new EncoderStore(EncoderStore.defaultDir()).demoEncoder(gallery, queries);
    out.println("encoder: " + demo.describe());
    Encoder encoder = new Encoder("CNN", CnnEncoder.export(demo.networkOrRandom(), demo.config()));
    out.println("embedding and indexing " + gallery.count() + " gallery images");
    float[] embeddings = encoder.embedAll(pre.applyAll(gallery), gallery.count());
    ServingParams params = ServingParams.DEFAULT;
    HnswIndex index =
        new HnswIndex(encoder.dimension(), Similarity.COSINE, params.build(), gallery.count());
    Gallery g =
        new Gallery(
            gallery.height(),
            gallery.width(),
            gallery.channels(),
            encoder.dimension(),
            gallery.count());
    IndexingPipeline indexing = new IndexingPipeline(pre, encoder, index, g);
    indexing.addAllEmbedded(
        gallery.pixels(), embeddings, gallery.count(), Runtime.getRuntime().availableProcessors());
    VisualSearchService service = new VisualSearchService("CNN", pre, encoder, index, g, params);
    List<byte[]> pngs = pngs(queries, Math.min(images, queries.count()));
    int failed = 0;
    try (JsonServer server =
        VisualSearchServer.start(
            service,
            indexing,
            id -> id < gallery.count() ? gallery.classNames().get(gallery.labels()[id]) : "added",
            0,
            load.limits())) {
      for (int qps : load.rates()) {
        out.printf(
            "%nload test: POST %s/v1/search?k=10, %d distinct 28x28 PNGs, %s%n",
            server.uri(), pngs.size(), load.describe(qps));
        Map<String, LatencyRecorder> stages = new LinkedHashMap<>();
        for (LatencyRecorder r : service.stageLatencies()) {
          stages.put(r.name().replaceFirst("^stage ", ""), r);
        }
        ServerBreakdown breakdown = ServerBreakdown.start(server, "/v1/search", null, stages, null);
        LoadGenerator.Report rep =
            LoadGenerator.runBinaryInOwnProcess(
                load.settings(server.uri().resolve("/v1/search?k=10"), qps, i -> ""),
                "image/png",
                pngs);
        breakdown.print(out, rep);
        failed += rep.errors() == 0 ? 0 : 1;
      }
    }
    return failed == 0 ? 0 : 1;
  }

  /** The first {@code n} query images as PNG uploads. */
  private static List<byte[]> pngs(ImageSet queries, int n) {
    int size = queries.imageSize();
    List<byte[]> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      byte[] px = Arrays.copyOfRange(queries.pixels(), i * size, (i + 1) * size);
      out.add(VisualSearchServer.png(px, queries.height(), queries.width(), queries.channels()));
    }
    return out;
  }
}
