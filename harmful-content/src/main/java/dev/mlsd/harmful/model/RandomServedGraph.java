package dev.mlsd.harmful.model;

import dev.mlsd.core.inference.Activation;
import dev.mlsd.core.inference.InferenceGraph;
import dev.mlsd.core.inference.Pooling;
import dev.mlsd.harmful.features.FeatureScratch;
import java.util.SplittableRandom;

/**
 * A graph of exactly the served shape ({@link InferenceExport}) with seeded random weights, for
 * latency benchmarks and load tests that must not wait for training: the cost of scoring does not
 * depend on the weights' values. Needs no DL4J.
 */
public final class RandomServedGraph {
  private RandomServedGraph() {}

  /**
   * @param buckets the n-gram hash buckets (rows of the embedding table)
   * @param signals floats per post from the dense families
   * @param trunk the shared layers' widths
   * @param seed the weights' seed
   */
  public static InferenceGraph of(int buckets, int signals, int[] trunk, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    InferenceGraph.Builder b = InferenceGraph.builder(signals, FeatureScratch.MAX_IDS);
    int bag =
        b.embedding(
            0, FeatureScratch.MAX_IDS, random(r, buckets * trunk[0]), trunk[0], Pooling.MEAN);
    int sig =
        b.dense(b.input(), random(r, signals * trunk[0]), random(r, trunk[0]), Activation.IDENTITY);
    int h = b.activation(b.add(bag, sig), Activation.RELU);
    for (int l = 1; l < trunk.length; l++) {
      h = b.dense(h, random(r, trunk[l - 1] * trunk[l]), random(r, trunk[l]), Activation.RELU);
    }
    int width = trunk[trunk.length - 1];
    int hate = b.dense(h, random(r, width), random(r, 1), Activation.SIGMOID);
    int offensive = b.dense(h, random(r, width), random(r, 1), Activation.SIGMOID);
    b.concat(hate, offensive);
    return b.build();
  }

  private static float[] random(SplittableRandom r, int n) {
    float[] v = new float[n];
    for (int i = 0; i < n; i++) {
      v[i] = (float) (r.nextGaussian() * 0.1);
    }
    return v;
  }
}
