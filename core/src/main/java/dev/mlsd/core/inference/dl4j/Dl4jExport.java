package dev.mlsd.core.inference.dl4j;

import dev.mlsd.core.inference.Activation;
import dev.mlsd.core.inference.BatchNormFolding;
import dev.mlsd.core.inference.InferenceGraph;
import dev.mlsd.core.inference.Pooling;
import java.util.ArrayList;
import java.util.List;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.BaseOutputLayer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.FeedForwardLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.activations.IActivation;

/**
 * Converts trained DL4J networks into {@link InferenceGraph}s.
 *
 * <p>A {@link MultiLayerNetwork} of {@code DenseLayer}s and a dense {@code OutputLayer} or {@code
 * LossLayer}-free output converts whole: a {@code BatchNormalization} right after a dense layer
 * with identity activation is folded into it ({@link BatchNormFolding}), and an {@code
 * ActivationLayer} becomes that dense layer's activation (or a standalone head). Any other layer is
 * refused with an {@link IllegalArgumentException} naming it.
 *
 * <p>For {@link ComputationGraph}s and SameDiff graphs, {@link #addDense} and {@link Dl4jWeights}
 * let the module assemble the same structure by hand.
 *
 * <p>Thread safety: stateless; the network must not be trained while it is exported.
 */
public final class Dl4jExport {
  private Dl4jExport() {}

  /** A dense layer waiting to be emitted, so that a following batch-norm can fold into it. */
  private static final class PendingDense {
    final float[] w;
    final float[] b;
    Activation act;
    float alpha;

    PendingDense(float[] w, float[] b, Activation act, float alpha) {
      this.w = w;
      this.b = b;
      this.act = act;
      this.alpha = alpha;
    }
  }

  /**
   * Converts a feed-forward network computing with {@link dev.mlsd.core.inference.Kernels#best()}.
   *
   * @throws IllegalArgumentException if the network has a layer the inference path lacks
   */
  public static InferenceGraph fromMultiLayerNetwork(MultiLayerNetwork net) {
    Layer[] layers = net.getLayers();
    if (layers.length == 0) {
      throw new IllegalArgumentException("network has no layers");
    }
    int nIn = inputWidth(layers[0]);
    List<Object> steps = new ArrayList<>();
    for (int i = 0; i < layers.length; i++) {
      Layer l = layers[i];
      org.deeplearning4j.nn.conf.layers.Layer conf = l.conf().getLayer();
      switch (conf) {
        case DenseLayer d -> steps.add(dense(l, d));
        case BaseOutputLayer o when l.paramTable().containsKey("W") -> steps.add(dense(l, o));
        case BatchNormalization bn -> {
          PendingDense prev =
              steps.isEmpty() ? null : steps.getLast() instanceof PendingDense p ? p : null;
          if (prev == null || prev.act != Activation.IDENTITY) {
            throw new IllegalArgumentException(
                "layer "
                    + i
                    + ": batch-norm folds only into a preceding dense layer with identity"
                    + " activation");
          }
          foldBatchNorm(l, bn, prev);
        }
        case ActivationLayer a -> {
          Activation act = Dl4jWeights.activation(a.getActivationFn());
          float alpha = Dl4jWeights.alpha(a.getActivationFn());
          if (!steps.isEmpty()
              && steps.getLast() instanceof PendingDense p
              && p.act == Activation.IDENTITY) {
            p.act = act;
            p.alpha = alpha;
          } else {
            steps.add(act);
          }
        }
        default ->
            throw new IllegalArgumentException(
                "layer " + i + ": " + conf.getClass().getSimpleName() + " is not supported");
      }
    }
    InferenceGraph.Builder b = InferenceGraph.builder(nIn, 0);
    int node = b.input();
    for (Object s : steps) {
      if (s instanceof PendingDense p) {
        node = b.dense(node, p.w, p.b, p.act, p.alpha);
      } else {
        node = b.activation(node, (Activation) s);
      }
    }
    return b.build();
  }

  /**
   * Adds a trained DL4J dense (or dense output) layer to a graph being built: reads its {@code W}
   * ({@code [nIn, nOut]}), its {@code b} (zeros when it has none) and its activation.
   *
   * @return the new node
   */
  public static int addDense(InferenceGraph.Builder b, int from, Layer layer) {
    if (!(layer.conf().getLayer() instanceof FeedForwardLayer ff)) {
      throw new IllegalArgumentException("not a dense layer: " + layer.conf().getLayer());
    }
    PendingDense p = dense(layer, ff);
    return b.dense(from, p.w, p.b, p.act, p.alpha);
  }

  /**
   * Adds a trained DL4J {@code EmbeddingLayer} or {@code EmbeddingSequenceLayer} to a graph being
   * built, reading its table {@code W} ({@code [vocab, dim]}). Follow DL4J's {@code
   * GlobalPoolingLayer} with {@link Pooling#SUM} or {@link Pooling#MEAN}, or use {@link
   * Pooling#CONCAT} for the sequence layer's output in NWC order flattened.
   *
   * @throws IllegalArgumentException if the layer has a bias or a non-identity activation (neither
   *     is supported)
   */
  public static int addEmbedding(
      InferenceGraph.Builder b, int idColumn, int bagSize, Layer layer, Pooling pooling) {
    if (!(layer.conf().getLayer() instanceof FeedForwardLayer ff)
        || !layer.paramTable().containsKey("W")) {
      throw new IllegalArgumentException("not an embedding layer: " + layer.conf().getLayer());
    }
    if (layer.paramTable().containsKey("b")) {
      throw new IllegalArgumentException("embedding layers with a bias are not supported");
    }
    if (Dl4jWeights.activation(((org.deeplearning4j.nn.conf.layers.BaseLayer) ff).getActivationFn())
        != Activation.IDENTITY) {
      throw new IllegalArgumentException("embedding layers must have identity activation");
    }
    int vocab = (int) ff.getNIn();
    int dim = (int) ff.getNOut();
    float[] table = Dl4jWeights.matrix(layer.paramTable().get("W"), vocab, dim);
    return b.embedding(idColumn, bagSize, table, dim, pooling);
  }

  /**
   * Adds a trained DL4J {@code ConvolutionLayer} (square stride and padding, truncate mode, no
   * dilation) over a channels-last {@code h x w} image node, converting its {@code W} from DL4J's
   * {@code [cout, cin, kh, kw]} to the {@code [kh * kw * cin, cout]} layout of {@link
   * InferenceGraph.Builder#conv2d}.
   *
   * @return the new node; its image is {@code hOut x wOut x cout}, NHWC
   */
  public static int addConv2d(InferenceGraph.Builder b, int from, int h, int w, Layer layer) {
    if (!(layer.conf().getLayer()
        instanceof org.deeplearning4j.nn.conf.layers.ConvolutionLayer conv)) {
      throw new IllegalArgumentException("not a convolution layer: " + layer.conf().getLayer());
    }
    int[] k = conv.getKernelSize();
    int[] st = conv.getStride();
    int[] pad = conv.getPadding();
    int[] dil = conv.getDilation();
    if (st[0] != st[1] || pad[0] != pad[1] || dil[0] != 1 || dil[1] != 1) {
      throw new IllegalArgumentException("only square stride/padding and no dilation");
    }
    if (conv.getConvolutionMode() != org.deeplearning4j.nn.conf.ConvolutionMode.Truncate) {
      throw new IllegalArgumentException("only ConvolutionMode.Truncate is supported");
    }
    int cin = (int) conv.getNIn();
    int cout = (int) conv.getNOut();
    float[] dl4j = Dl4jWeights.floats(layer.paramTable().get("W")); // [cout, cin, kh, kw]
    float[] kernel = new float[dl4j.length];
    for (int co = 0; co < cout; co++) {
      for (int ci = 0; ci < cin; ci++) {
        for (int ky = 0; ky < k[0]; ky++) {
          for (int kx = 0; kx < k[1]; kx++) {
            int src = ((co * cin + ci) * k[0] + ky) * k[1] + kx;
            kernel[((ky * k[1] + kx) * cin + ci) * cout + co] = dl4j[src];
          }
        }
      }
    }
    float[] bias =
        layer.paramTable().containsKey("b")
            ? Dl4jWeights.vector(layer.paramTable().get("b"), cout)
            : new float[cout];
    Activation act = Dl4jWeights.activation(conv.getActivationFn());
    return b.conv2d(from, h, w, cin, k[0], k[1], st[0], pad[0], kernel, bias, act);
  }

  private static PendingDense dense(Layer l, FeedForwardLayer conf) {
    int nIn = (int) conf.getNIn();
    int nOut = (int) conf.getNOut();
    float[] w = Dl4jWeights.matrix(l.paramTable().get("W"), nIn, nOut);
    float[] bias =
        l.paramTable().containsKey("b")
            ? Dl4jWeights.vector(l.paramTable().get("b"), nOut)
            : new float[nOut];
    IActivation fn = ((org.deeplearning4j.nn.conf.layers.BaseLayer) conf).getActivationFn();
    return new PendingDense(w, bias, Dl4jWeights.activation(fn), Dl4jWeights.alpha(fn));
  }

  private static void foldBatchNorm(Layer l, BatchNormalization bn, PendingDense prev) {
    int n = prev.b.length;
    float[] gamma;
    float[] beta;
    if (bn.isLockGammaBeta()) {
      gamma = filled(n, (float) bn.getGamma());
      beta = filled(n, (float) bn.getBeta());
    } else {
      gamma = Dl4jWeights.vector(l.paramTable().get("gamma"), n);
      beta = Dl4jWeights.vector(l.paramTable().get("beta"), n);
    }
    float[] mean = Dl4jWeights.vector(l.paramTable().get("mean"), n);
    float[] var;
    if (l.paramTable().containsKey("log10stdev")) {
      // DL4J then keeps log10(std) and normalises by sqrt(std^2 + eps): var = std^2
      float[] logStd = Dl4jWeights.vector(l.paramTable().get("log10stdev"), n);
      var = new float[n];
      for (int j = 0; j < n; j++) {
        double std = Math.pow(10.0, logStd[j]);
        var[j] = (float) (std * std);
      }
    } else {
      var = Dl4jWeights.vector(l.paramTable().get("var"), n);
    }
    BatchNormFolding.fold(prev.w, prev.b, gamma, beta, mean, var, bn.getEps());
  }

  private static int inputWidth(Layer first) {
    if (first.conf().getLayer() instanceof FeedForwardLayer ff) {
      return (int) ff.getNIn();
    }
    throw new IllegalArgumentException(
        "the first layer must be dense, got " + first.conf().getLayer().getClass().getSimpleName());
  }

  private static float[] filled(int n, float v) {
    float[] a = new float[n];
    java.util.Arrays.fill(a, v);
    return a;
  }
}
