package dev.mlsd.harmful;

import dev.mlsd.core.demo.DemoLauncher;
import dev.mlsd.core.http.Json;
import dev.mlsd.core.http.LoadGenerator;
import dev.mlsd.core.http.LoadOptions;
import dev.mlsd.core.http.ServerBreakdown;
import dev.mlsd.core.inference.InferenceGraph;
import dev.mlsd.core.io.ModelCard;
import dev.mlsd.core.serving.ModelHolder;
import dev.mlsd.harmful.data.DavidsonLoader;
import dev.mlsd.harmful.data.Post;
import dev.mlsd.harmful.features.FeatureParams;
import dev.mlsd.harmful.features.Featurizer;
import dev.mlsd.harmful.model.MultiTaskParams;
import dev.mlsd.harmful.model.RandomServedGraph;
import dev.mlsd.harmful.serving.EnforcementPipeline;
import dev.mlsd.harmful.serving.EnforcementPolicy;
import dev.mlsd.harmful.serving.EnforcementThresholds;
import dev.mlsd.harmful.serving.HarmfulContentDetectionService;
import dev.mlsd.harmful.serving.HarmfulContentServer;
import dev.mlsd.harmful.serving.InMemoryReviewQueue;
import dev.mlsd.harmful.serving.OnlineMetrics;
import dev.mlsd.harmful.serving.TrainingLog;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * The HTTP load test of {@code POST /v1/posts} (score a post and enforce the decision): builds the
 * enforcement pipeline without training (the standard featurizer and a graph of the served shape
 * with seeded random weights: the cost of scoring does not depend on the weights; the review queue
 * in memory), starts {@link HarmfulContentServer} on 127.0.0.1, and holds each fixed rate in turn
 * with core's {@link LoadGenerator} in a JVM of its own, the bodies the 24,783 real tweets of
 * Davidson et al. in turn, each under a new post id. Prints the admitted p50, p99 and p99.9, the
 * 503s, the load average and the CPU per thread group ({@link ServerBreakdown}). The options are
 * core's {@link LoadOptions}; {@code --threads}, {@code --queue} and {@code --max-queue-ms} do not
 * reach this server, which keeps {@code JsonServer}'s defaults.
 *
 * <pre>
 *   flock /tmp/mlsd-bench.lock mvn -pl harmful-content exec:java \
 *       -Dexec.mainClass=dev.mlsd.harmful.HarmfulContentLoadTest \
 *       -Dexec.args="--qps 500,1000 --seconds 60"
 * </pre>
 */
@Command(
    name = "harmful-content-load-test",
    mixinStandardHelpOptions = true,
    description = "Load-test POST /v1/posts at fixed rates.")
public final class HarmfulContentLoadTest implements Callable<Integer> {
  @Mixin LoadOptions load;

  private final PrintStream out;

  HarmfulContentLoadTest(PrintStream out) {
    this.out = out;
  }

  /** Entry point; exits 1 if any request failed. */
  public static void main(String[] args) {
    DemoLauncher.run(new HarmfulContentLoadTest(System.out), args);
  }

  @Override
  public Integer call() throws Exception {
    List<Post> posts = DavidsonLoader.load().posts();
    FeatureParams features = FeatureParams.DEFAULT;
    Featurizer featurizer = Featurizer.standard(features);
    InferenceGraph graph =
        RandomServedGraph.of(
            features.buckets(), featurizer.denseWidth(), MultiTaskParams.DEFAULT.trunk(), 7);
    ModelCard card =
        new ModelCard(
            "multi-task DNN, random weights",
            "load-test",
            DavidsonLoader.DATASET,
            "",
            "",
            7,
            Map.of(),
            Map.of(),
            0,
            ModelCard.currentCodeVersion());
    Path dir = Files.createTempDirectory("harmful-load-test");
    Path log = dir.resolve("training-log.jsonl");
    try (TrainingLog trainingLog = new TrainingLog(log)) {
      EnforcementPipeline pipeline =
          new EnforcementPipeline(
              new HarmfulContentDetectionService(featurizer, new ModelHolder<>(graph, card)),
              new EnforcementPolicy(
                  new EnforcementThresholds(new float[] {0.3f, 0.85f}, new float[] {0.8f, 0.97f})),
              new InMemoryReviewQueue(),
              trainingLog,
              new OnlineMetrics(null, OnlineMetrics.Exposure.DEFAULT),
              null);
      int failed = 0;
      long nextId = 0;
      try (HarmfulContentServer server =
          HarmfulContentServer.start(pipeline, null, 0, load.limits())) {
        for (int qps : load.rates()) {
          // every request posts a new id (a repeated id is refused with 400): as many as are sent
          int sent =
              (int)
                      Math.ceil(
                          qps * (load.warmup().toSeconds() + load.measured().toSeconds()) * 1.05)
                  + 100;
          long base = nextId;
          nextId += sent;
          out.printf(
              "%nload test: POST %s/v1/posts, %d tweets in turn under new post ids, %s%n",
              server.uri(), posts.size(), load.describe(qps));
          ServerBreakdown breakdown =
              ServerBreakdown.start(server.http(), "/v1/posts", null, new LinkedHashMap<>(), null);
          LoadGenerator.Report rep =
              LoadGenerator.runInOwnProcess(
                  load.settings(server.uri().resolve("/v1/posts"), qps, i -> ""),
                  false,
                  i -> body(base + i, posts.get(i % posts.size()).text()),
                  sent);
          breakdown.print(out, rep);
          out.printf(
              "posts kept %d, evicted %d, review queue %d (overflowed %d)%n",
              pipeline.postsKept(),
              pipeline.evictedPosts(),
              pipeline.queue().size(),
              pipeline.queue().overflowed());
          failed += rep.errors() == 0 ? 0 : 1;
        }
      }
      return failed == 0 ? 0 : 1;
    } finally {
      Files.deleteIfExists(log);
      Files.deleteIfExists(dir);
    }
  }

  private static String body(long postId, String text) throws RuntimeException {
    try {
      return Json.mapper().writeValueAsString(Map.of("postId", postId, "text", text));
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException("cannot write a post as JSON", e);
    }
  }
}
