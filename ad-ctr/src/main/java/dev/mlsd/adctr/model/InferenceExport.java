package dev.mlsd.adctr.model;

import dev.mlsd.core.inference.Activation;
import dev.mlsd.core.inference.InferenceGraph;
import dev.mlsd.core.inference.Pooling;
import java.util.Map;

/**
 * Exports the trained DL4J click models to the core inference format ({@link InferenceGraph}), the
 * primitive forward pass serving uses. The graph reads one id per field ({@code idWidth = fields})
 * and no dense input, and outputs P(click).
 *
 * <p>Layout change: DL4J's flattened embeddings are {@code [k][fields]} (index {@code j * fields +
 * f}); the inference graph's concatenated embeddings are {@code [fields][k]} (index {@code f * k +
 * j}). Every weight that touches the flattened embeddings (cross weights and biases, the first deep
 * layer's rows, the output rows of the cross part) is permuted accordingly, so the two forward
 * passes compute the same function; the parity test checks it on real rows.
 */
public final class InferenceExport {
  private InferenceExport() {}

  /** A DCN as an inference graph. */
  public static InferenceGraph dcn(DeepCrossNetwork m) {
    Map<String, NeuralClickModel.Weight> w = m.weights();
    int f = m.fields();
    int k = m.params().embeddingDim();
    int d = f * k;
    InferenceGraph.Builder b = InferenceGraph.builder(0, f);
    int e = b.embedding(0, f, w.get("emb_W").values(), k, Pooling.CONCAT);
    int x = e;
    for (int l = 0; l < m.params().crossLayers(); l++) {
      x =
          b.cross(
              e,
              x,
              permute(w.get("cross_w" + l).values(), f, k, 1),
              permute(w.get("cross_b" + l).values(), f, k, 1));
    }
    int h = deep(b, e, w, m.params(), f, k);
    int cat = b.concat(x, h);
    float[] outW = w.get("out_W").values();
    float[] head = permute(java.util.Arrays.copyOf(outW, d), f, k, 1);
    float[] all = outW.clone();
    System.arraycopy(head, 0, all, 0, d);
    b.dense(cat, all, w.get("out_b").values(), Activation.SIGMOID);
    return b.build();
  }

  /** A DeepFM as an inference graph. */
  public static InferenceGraph deepFm(DeepFm m) {
    Map<String, NeuralClickModel.Weight> w = m.weights();
    int f = m.fields();
    int k = m.params().embeddingDim();
    InferenceGraph.Builder b = InferenceGraph.builder(0, f);
    int e = b.embedding(0, f, w.get("emb_W").values(), k, Pooling.CONCAT);
    int first = b.embedding(0, f, w.get("lin_W").values(), 1, Pooling.SUM);
    int fm = b.fmSecondOrder(e, f);
    int h = deep(b, e, w, m.params(), f, k);
    int deepOut =
        b.dense(h, w.get("deepout_W").values(), w.get("deepout_b").values(), Activation.IDENTITY);
    int logit = b.add(first, fm, deepOut);
    b.activation(logit, Activation.SIGMOID);
    return b.build();
  }

  /** Exports whichever deep model this is. */
  public static InferenceGraph of(NeuralClickModel m) {
    if (m instanceof DeepCrossNetwork dcn) {
      return dcn(dcn);
    }
    if (m instanceof DeepFm dfm) {
      return deepFm(dfm);
    }
    throw new IllegalArgumentException("no export for " + m.name());
  }

  /**
   * A graph with a DCN's exact shapes and seeded random weights, for latency benchmarks: a forward
   * pass costs the same whatever the weights, and this keeps the training framework out of the
   * benchmark. Never serve it.
   */
  public static InferenceGraph randomDcn(int fields, int featureCount, NeuralParams p, long seed) {
    java.util.SplittableRandom r = new java.util.SplittableRandom(seed);
    int k = p.embeddingDim();
    int d = fields * k;
    InferenceGraph.Builder b = InferenceGraph.builder(0, fields);
    int e = b.embedding(0, fields, random(r, (long) featureCount * k, 0.05), k, Pooling.CONCAT);
    int x = e;
    for (int l = 0; l < p.crossLayers(); l++) {
      x = b.cross(e, x, random(r, d, 1 / Math.sqrt(d)), new float[d]);
    }
    int h = e;
    int in = d;
    for (int width : p.hidden()) {
      h =
          b.dense(
              h,
              random(r, (long) in * width, Math.sqrt(2.0 / in)),
              new float[width],
              Activation.RELU);
      in = width;
    }
    int cat = b.concat(x, h);
    b.dense(cat, random(r, d + in, 0.05), new float[1], Activation.SIGMOID);
    return b.build();
  }

  private static float[] random(java.util.SplittableRandom r, long n, double std) {
    float[] v = new float[Math.toIntExact(n)];
    for (int i = 0; i < v.length; i++) {
      v[i] = (float) (FactorizationMachine.gaussian(r) * std);
    }
    return v;
  }

  private static int deep(
      InferenceGraph.Builder b,
      int e,
      Map<String, NeuralClickModel.Weight> w,
      NeuralParams p,
      int f,
      int k) {
    int h = e;
    for (int l = 0; l < p.hidden().length; l++) {
      float[] wl = w.get("deep" + l + "_W").values();
      if (l == 0) {
        wl = permute(wl, f, k, p.hidden()[0]);
      }
      h = b.dense(h, wl, w.get("deep" + l + "_b").values(), Activation.RELU);
    }
    return h;
  }

  /**
   * Reorders the rows of a {@code [k * fields, cols]} row-major matrix from DL4J's {@code
   * [k][fields]} order to the inference graph's {@code [fields][k]} order.
   */
  static float[] permute(float[] m, int fields, int k, int cols) {
    float[] out = new float[m.length];
    for (int j = 0; j < k; j++) {
      for (int f = 0; f < fields; f++) {
        System.arraycopy(m, (j * fields + f) * cols, out, (f * k + j) * cols, cols);
      }
    }
    return out;
  }
}
