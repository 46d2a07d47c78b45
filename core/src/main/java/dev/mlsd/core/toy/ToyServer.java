package dev.mlsd.core.toy;

import dev.mlsd.core.featurestore.FeatureStore;
import dev.mlsd.core.http.JsonServer;
import dev.mlsd.core.http.LoadGenerator;
import dev.mlsd.core.http.LoadOptions;
import dev.mlsd.core.http.ServerBreakdown;
import dev.mlsd.core.io.ModelCard;
import dev.mlsd.core.monitoring.DriftMonitor;
import dev.mlsd.core.serving.ModelHolder;
import dev.mlsd.core.serving.ServingPipeline;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Serves the toy pipeline over HTTP on 127.0.0.1, and optionally load-tests it: {@code --load}
 * holds a fixed request rate against {@code POST /rank} for a bounded time from a {@link
 * LoadGenerator} in a JVM of its own, and prints p50, p99 and p99.9 of the admitted requests, the
 * 503s, and where the server's time went (per stage, worker wait, CPU per thread group).
 *
 * <pre>
 *   mvn -B -pl core -am install -DskipTests
 *   flock /tmp/mlsd-bench.lock mvn -B -q -pl core exec:java -Dexec.skip=false \
 *       -Dexec.mainClass=dev.mlsd.core.toy.ToyServer \
 *       -Dexec.args="--load --qps 500 --seconds 20"
 * </pre>
 */
@Command(
    name = "toy-server",
    mixinStandardHelpOptions = true,
    description = "Serve the 500-candidate toy pipeline over HTTP; optionally load-test it.")
public final class ToyServer implements Callable<Integer> {
  @Option(names = "--port", description = "port on 127.0.0.1; 0 picks a free one (default 8080)")
  int port = 8080;

  @Option(
      names = "--swap-every",
      description =
          "during --load, swap the model every this many seconds (soak; default 0 = never)")
  int swapEverySeconds;

  @Option(
      names = "--report-every",
      description =
          "during --load, the generator's figures per this many seconds (requests, p50, p99, max,"
              + " 503s, errors), and the errors by kind, printed after the run (soak; default 0)")
  int reportEverySeconds;

  @Option(names = "--load", description = "run the load generator against the server, then exit")
  boolean load;

  @Mixin LoadOptions options = new LoadOptions(500, 8);

  private final PrintStream out;

  ToyServer(PrintStream out) {
    this.out = out;
  }

  /** Entry point. */
  public static void main(String[] args) {
    PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
    System.exit(new CommandLine(new ToyServer(out)).execute(args));
  }

  /** The card of toy model version {@code v}. */
  public static ModelCard card(int v) {
    return new ModelCard(
        "toy-linear",
        "v" + v,
        "synthetic-toy",
        "none",
        "none",
        v * 31L + 7,
        Map.of("dim", Integer.toString(ToyCatalog.DIM)),
        Map.of(),
        0L,
        ModelCard.currentCodeVersion());
  }

  @Override
  public Integer call() throws Exception {
    try (FeatureStore store = options.openStore()) {
      out.println("materialising " + ToyCatalog.ITEMS + " item feature rows into " + store.kind());
      ToyCatalog.materialize(store);
      ModelHolder<float[]> model = new ModelHolder<>(ToyCatalog.weights(1), card(1));
      out.print(model.served().card().toText());
      ServingPipeline<ToyRequest> pipeline = ToyPipeline.build(store, model);
      DriftMonitor drift =
          DriftMonitor.builder(10)
              .feature("prediction", ToyService.referencePredictions(pipeline, 500))
              .build();
      try (JsonServer server =
          JsonServer.builder("toy")
              .port(port)
              .limits(options.limits())
              .post("/rank", ToyRequest.class, new ToyService(pipeline, model, drift))
              .model("toy-linear", model)
              .pipeline(pipeline)
              .featureStore("toy-items", store)
              .drift(drift)
              .start()) {
        out.println("serving on " + server.uri() + " (POST /rank {\"userId\":1,\"k\":10})");
        if (!load) {
          Thread.currentThread().join();
          return 0;
        }
        int failed = 0;
        for (int qps : options.rates()) {
          failed += run(server, pipeline, store, model, qps);
        }
        return failed == 0 ? 0 : 1;
      }
    }
  }

  /** One rate: the load, then where the server's time went at that rate; 1 if a request failed. */
  private int run(
      JsonServer server,
      ServingPipeline<ToyRequest> pipeline,
      FeatureStore store,
      ModelHolder<float[]> model,
      int qps)
      throws Exception {
    out.printf(
        "%nload test: POST %s/rank, %s, store %s%n",
        server.uri(), options.describe(qps), store.kind());
    LoadGenerator.Settings s =
        options.settings(
            server.uri().resolve("/rank"),
            qps,
            i -> "{\"userId\":" + (i % ToyCatalog.USERS) + ",\"k\":10}");
    ServerBreakdown breakdown = ServerBreakdown.start(server, "/rank", pipeline, store);
    Thread swapper = swapEverySeconds > 0 ? startSwapper(model) : null;
    LoadGenerator.Report report =
        LoadGenerator.runInOwnProcess(
            s, false, s.body(), ToyCatalog.USERS, reportEverySeconds); // a JVM of its own
    if (swapper != null) {
      swapper.interrupt();
      swapper.join();
      out.printf("model swaps during the run: %d%n", model.swapCount());
    }
    breakdown.print(out, report);
    return report.errors() == 0 ? 0 : 1;
  }

  /**
   * Swaps through model versions 1..6 every {@code --swap-every} seconds and prints, at each swap,
   * the old generation's occupancy after the last collection (a flat line means no leak).
   */
  private Thread startSwapper(ModelHolder<float[]> model) {
    Thread t =
        new Thread(
            () -> {
              long start = System.nanoTime();
              for (int v = 2; ; v = v % 6 + 1) {
                try {
                  Thread.sleep(swapEverySeconds * 1000L);
                } catch (InterruptedException e) {
                  return;
                }
                model.swap(ToyCatalog.weights(v), card(v));
                out.printf(
                    "t=%4ds swapped to v%d; old generation after last GC %.1f MiB%n",
                    (System.nanoTime() - start) / 1_000_000_000L, v, oldGenAfterGcMiB());
              }
            },
            "toy-model-swapper");
    t.setDaemon(true);
    t.start();
    return t;
  }

  private static double oldGenAfterGcMiB() {
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getName().contains("Old Gen") && pool.getCollectionUsage() != null) {
        return pool.getCollectionUsage().getUsed() / (1024.0 * 1024.0);
      }
    }
    return Double.NaN;
  }
}
