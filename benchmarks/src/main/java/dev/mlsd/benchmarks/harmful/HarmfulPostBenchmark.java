package dev.mlsd.benchmarks.harmful;

import dev.mlsd.core.inference.InferenceGraph;
import dev.mlsd.core.io.ModelCard;
import dev.mlsd.core.serving.ModelHolder;
import dev.mlsd.harmful.data.DavidsonLoader;
import dev.mlsd.harmful.data.Post;
import dev.mlsd.harmful.features.FeatureParams;
import dev.mlsd.harmful.features.Featurizer;
import dev.mlsd.harmful.model.MultiTaskParams;
import dev.mlsd.harmful.model.RandomServedGraph;
import dev.mlsd.harmful.serving.Action;
import dev.mlsd.harmful.serving.EnforcementPolicy;
import dev.mlsd.harmful.serving.EnforcementThresholds;
import dev.mlsd.harmful.serving.HarmfulContentDetectionService;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One post through chapter 5's enforcement decision, in process: normalise the text, tokenise, hash
 * its word and character n-grams, compute the post signals, score both heads with the served graph
 * (an embedding bag over up to 4,096 ids of a 16,384 x 128 table, dense 128 -> 64, two sigmoid
 * heads), and route to remove / demote / allow. Posts cycle over all 24,783 real tweets ({@code
 * MLSD_DATA_DIR}); the graph has the served shape with seeded random weights (the cost does not
 * depend on the values). Goal: p99 of at most 1 ms. Checks its own result: every action is one of
 * the three and both probabilities are in (0, 1).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 2, time = 3)
@Measurement(iterations = 3, time = 3)
@Fork(
    value = 1,
    jvmArgsAppend = {
      "--add-modules=jdk.incubator.vector",
      "--enable-native-access=ALL-UNNAMED",
      "--sun-misc-unsafe-memory-access=allow"
    })
public class HarmfulPostBenchmark {
  private HarmfulContentDetectionService detection;
  private EnforcementPolicy policy;
  private List<Post> posts;
  private final float[] p = new float[2];
  private int next;

  @Setup(Level.Trial)
  public void setUp() throws IOException {
    posts = DavidsonLoader.load().posts();
    FeatureParams features = FeatureParams.DEFAULT;
    Featurizer featurizer = Featurizer.standard(features);
    InferenceGraph graph =
        RandomServedGraph.of(
            features.buckets(), featurizer.denseWidth(), MultiTaskParams.DEFAULT.trunk(), 7);
    ModelCard card =
        new ModelCard(
            "random", "bench", DavidsonLoader.DATASET, "", "", 7, Map.of(), Map.of(), 0, "");
    detection = new HarmfulContentDetectionService(featurizer, new ModelHolder<>(graph, card));
    policy =
        new EnforcementPolicy(
            new EnforcementThresholds(new float[] {0.3f, 0.85f}, new float[] {0.8f, 0.97f}));
  }

  @Benchmark
  public Action post() {
    Post post = posts.get(next);
    next = next + 1 == posts.size() ? 0 : next + 1;
    detection.score(post.text(), p);
    if (!(p[0] > 0 && p[0] < 1 && p[1] > 0 && p[1] < 1)) {
      throw new IllegalStateException("probabilities out of (0, 1): " + p[0] + ", " + p[1]);
    }
    return policy.route(p);
  }
}
