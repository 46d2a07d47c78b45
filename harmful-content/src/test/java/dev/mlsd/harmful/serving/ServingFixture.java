package dev.mlsd.harmful.serving;

import dev.mlsd.core.inference.Activation;
import dev.mlsd.core.inference.InferenceGraph;
import dev.mlsd.core.inference.Pooling;
import dev.mlsd.core.io.ModelCard;
import dev.mlsd.core.serving.ModelHolder;
import dev.mlsd.harmful.features.FeatureParams;
import dev.mlsd.harmful.features.FeatureScratch;
import dev.mlsd.harmful.features.Featurizer;
import java.util.Map;

/**
 * A served model whose answer can be worked out by hand: the n-gram part is zero, p(hate) =
 * sigmoid(10 * profane_rate - 5) and p(offensive) = sigmoid(10 * caps_ratio - 5). So "bitch bitch"
 * scores hate 0.993 (removed), "you bitch" 0.5 (the demote boundary), "hello there" 0.0067, and
 * "HELLO THERE" is offensive 0.993.
 */
final class ServingFixture {
  static final int BUCKETS = 64;

  /** Remove at 0.9, review at 0.5, both categories. */
  static final EnforcementThresholds THRESHOLDS =
      new EnforcementThresholds(new float[] {0.5f, 0.5f}, new float[] {0.9f, 0.9f});

  private ServingFixture() {}

  static Featurizer featurizer() {
    return Featurizer.standard(new FeatureParams(BUCKETS, 3, 5, true, 42));
  }

  static InferenceGraph graph() {
    InferenceGraph.Builder b = InferenceGraph.builder(4, FeatureScratch.MAX_IDS);
    int bag = b.embedding(0, FeatureScratch.MAX_IDS, new float[BUCKETS * 2], 2, Pooling.MEAN);
    float[] w = new float[4 * 2];
    w[0 * 2 + 0] = 10f; // profane_rate -> hate
    w[1 * 2 + 1] = 10f; // caps_ratio -> offensive
    int sig = b.dense(b.input(), w, new float[] {-5f, -5f}, Activation.IDENTITY);
    b.activation(b.add(bag, sig), Activation.SIGMOID);
    return b.build();
  }

  static ModelHolder<InferenceGraph> holder() {
    return new ModelHolder<>(
        graph(),
        new ModelCard("fixture", "v1", "none", "", "none", 0, Map.of(), Map.of(), 0, "test"));
  }

  static EnforcementPipeline pipeline(ReviewQueue queue, TrainingLog log) {
    return pipeline(queue, log, EnforcementPipeline.DEFAULT_MAX_POSTS);
  }

  static EnforcementPipeline pipeline(ReviewQueue queue, TrainingLog log, int maxPosts) {
    return new EnforcementPipeline(
        new HarmfulContentDetectionService(featurizer(), holder()),
        new EnforcementPolicy(THRESHOLDS),
        queue,
        log,
        new OnlineMetrics(id -> id % 2 == 0, OnlineMetrics.Exposure.DEFAULT),
        null,
        maxPosts);
  }
}
