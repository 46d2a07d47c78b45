package dev.mlsd.harmful.model;

import dev.mlsd.core.inference.Activation;
import dev.mlsd.core.inference.InferenceGraph;
import dev.mlsd.core.inference.Pooling;
import dev.mlsd.core.inference.Scratch;
import dev.mlsd.core.inference.dl4j.Dl4jWeights;
import dev.mlsd.harmful.features.EncodedPosts;
import dev.mlsd.harmful.features.FeatureScratch;
import java.util.Arrays;
import org.deeplearning4j.nn.graph.ComputationGraph;

/**
 * Turns a trained {@link MultiTaskNetwork} into core's {@link InferenceGraph}, the served form.
 *
 * <p>The first trunk layer reads {@code [term frequencies | signals]}, so its weight matrix {@code
 * W} ({@code [buckets + signals, width]}) splits in two: its first {@code buckets} rows become an
 * embedding table averaged over the post's n-gram ids ({@link Pooling#MEAN} over {@code count} ids
 * equals {@code tf . W} with {@code tf = count(id) / ids}), and its last rows a dense layer over
 * the signals carrying the bias. The two are added and the ReLU applied; the rest of the trunk and
 * the two sigmoid heads are dense layers, and the heads are concatenated so one call returns {@code
 * [p(hate), p(offensive)]}. The result is exact up to float summation order; {@link
 * #maxAbsDifference} measures it against DL4J.
 *
 * <p>Inputs of the exported graph: a dense row of the signals ({@code inputWidth = signals}) and an
 * id row of {@link FeatureScratch#MAX_IDS} ids padded with -1.
 */
public final class InferenceExport {
  private InferenceExport() {}

  /** Exports the network. */
  public static InferenceGraph export(MultiTaskNetwork net) {
    ComputationGraph g = net.graph();
    int buckets = net.buckets();
    int signals = net.denseWidth();
    int[] trunk = net.params().trunk();
    InferenceGraph.Builder b = InferenceGraph.builder(signals, FeatureScratch.MAX_IDS);
    int width = trunk[0];
    float[] table = net.ngramTable();
    float[] signalW = Dl4jWeights.param(g, "signals_in", "W");
    float[] b0 = Dl4jWeights.param(g, "signals_in", "b");
    if (table.length != buckets * width || signalW.length != signals * width) {
      throw new IllegalStateException("unexpected first-layer shapes");
    }
    int bag = b.embedding(0, FeatureScratch.MAX_IDS, table, width, Pooling.MEAN);
    int sig = b.dense(b.input(), signalW, b0, Activation.IDENTITY);
    int h = b.activation(b.add(bag, sig), Activation.RELU);
    for (int l = 1; l < trunk.length; l++) {
      h =
          b.dense(
              h,
              Dl4jWeights.param(g, "trunk" + l, "W"),
              Dl4jWeights.param(g, "trunk" + l, "b"),
              Activation.RELU);
    }
    int[] heads = new int[MultiTaskNetwork.HEADS.length];
    for (int t = 0; t < heads.length; t++) {
      String head = MultiTaskNetwork.HEADS[t];
      heads[t] =
          b.dense(
              h,
              Dl4jWeights.param(g, head, "W"),
              Dl4jWeights.param(g, head, "b"),
              Activation.SIGMOID);
    }
    b.concat(heads);
    return b.build();
  }

  /**
   * Scores featurised posts with an exported graph, for offline evaluation.
   *
   * @return {@code p[t][i]}
   */
  public static float[][] predict(InferenceGraph graph, EncodedPosts posts) {
    int n = posts.size();
    int tasks = graph.outputWidth();
    float[][] p = new float[tasks][n];
    int batch = 256;
    Scratch scratch = graph.newScratch(batch);
    int[] ids = new int[batch * FeatureScratch.MAX_IDS];
    float[] dense = new float[batch * posts.denseWidth()];
    float[] out = new float[batch * tasks];
    for (int s = 0; s < n; s += batch) {
      int rows = Math.min(batch, n - s);
      Arrays.fill(ids, -1);
      for (int r = 0; r < rows; r++) {
        int i = s + r;
        System.arraycopy(
            posts.ids(), posts.offsets()[i], ids, r * FeatureScratch.MAX_IDS, posts.idCount(i));
        posts.writeDense(i, dense, r * posts.denseWidth());
      }
      graph.score(dense, ids, rows, out, scratch);
      for (int r = 0; r < rows; r++) {
        for (int t = 0; t < tasks; t++) {
          p[t][s + r] = out[r * tasks + t];
        }
      }
    }
    return p;
  }

  /** The largest absolute difference between two score tables of the same shape. */
  public static double maxAbsDifference(float[][] a, float[][] b) {
    double max = 0;
    for (int t = 0; t < a.length; t++) {
      for (int i = 0; i < a[t].length; i++) {
        max = Math.max(max, Math.abs(a[t][i] - b[t][i]));
      }
    }
    return max;
  }
}
