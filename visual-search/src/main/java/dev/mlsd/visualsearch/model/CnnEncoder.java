package dev.mlsd.visualsearch.model;

import dev.mlsd.core.inference.Activation;
import dev.mlsd.core.inference.BatchNormFolding;
import dev.mlsd.core.inference.InferenceGraph;
import dev.mlsd.core.inference.dl4j.Dl4jWeights;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;

/**
 * The CNN encoder of {@link EncoderConfig} in DL4J (for training) and its export to core's {@link
 * InferenceGraph} (for serving): the layers up to the representation, whose output the serving path
 * L2-normalises.
 *
 * <p>Layers of the DL4J network: three blocks of {@code conv (identity) -> batch-norm -> relu}
 * (0-2, 4-6, 8-10), max-pooling after the first two (3, 7); the representation is {@code dense
 * (identity) -> batch-norm without scale or shift} (11-12), so that it is centred and of unit
 * variance per dimension, which cosine retrieval needs (an uncentred representation puts every
 * image in one narrow cone); the projection head {@code dense relu -> dense} (13-14) exists only
 * for the loss. The export folds each batch-norm's running statistics into the layer before it.
 * DL4J flattens the last image channels-first (c, y, x); the inference graph holds images
 * channels-last, so the export reorders the rows of the dense layer's weights.
 *
 * <p>Thread safety: the network is not thread-safe; the exported graph is immutable.
 *
 * <p>Book: chapter 2, "Model architecture" (a CNN that maps an image to an embedding).
 */
public final class CnnEncoder {
  /** Index of the representation layer (its batch-norm) in the DL4J network. */
  public static final int REPRESENTATION_LAYER = 12;

  /** Layer indices of the three convolutions; each is followed by its batch-norm. */
  private static final int[] CONVS = {0, 4, 8};

  private static final int DENSE = 11;

  /** Batch-norm's epsilon, in DL4J and in the fold. */
  private static final double EPS = 1e-5;

  private CnnEncoder() {}

  /** A new, seeded, randomly initialised network (the random-weight baseline as it is). */
  public static MultiLayerNetwork network(EncoderConfig c, long seed) {
    var relu = org.nd4j.linalg.activations.Activation.RELU;
    var identity = org.nd4j.linalg.activations.Activation.IDENTITY;
    MultiLayerConfiguration conf =
        new NeuralNetConfiguration.Builder()
            .seed(seed)
            .dataType(DataType.FLOAT)
            .weightInit(WeightInit.RELU)
            .updater(new Adam(c.learningRate()))
            .list()
            .layer(conv(c.conv1(), 1))
            .layer(batchNorm(false))
            .layer(new ActivationLayer.Builder().activation(relu).build())
            .layer(pool())
            .layer(conv(c.conv2(), 1))
            .layer(batchNorm(false))
            .layer(new ActivationLayer.Builder().activation(relu).build())
            .layer(pool())
            .layer(conv(c.conv3(), 2))
            .layer(batchNorm(false))
            .layer(new ActivationLayer.Builder().activation(relu).build())
            .layer(
                new DenseLayer.Builder()
                    .nOut(c.representation())
                    .activation(identity)
                    .weightInit(WeightInit.XAVIER)
                    .build())
            .layer(batchNorm(true))
            .layer(new DenseLayer.Builder().nOut(c.representation()).activation(relu).build())
            .layer(
                new DenseLayer.Builder()
                    .nOut(c.projection())
                    .activation(identity)
                    .weightInit(WeightInit.XAVIER)
                    .build())
            .setInputType(InputType.convolutional(c.height(), c.width(), c.channels()))
            .build();
    MultiLayerNetwork net = new MultiLayerNetwork(conf);
    net.init();
    return net;
  }

  private static ConvolutionLayer conv(int out, int stride) {
    return new ConvolutionLayer.Builder(3, 3)
        .nOut(out)
        .stride(stride, stride)
        .padding(1, 1)
        .activation(org.nd4j.linalg.activations.Activation.IDENTITY)
        .build();
  }

  /** Batch-norm keeping its running variance as such; {@code plain}: no learned scale or shift. */
  private static BatchNormalization batchNorm(boolean plain) {
    return new BatchNormalization.Builder().useLogStd(false).eps(EPS).lockGammaBeta(plain).build();
  }

  private static SubsamplingLayer pool() {
    return new SubsamplingLayer.Builder(SubsamplingLayer.PoolingType.MAX)
        .kernelSize(2, 2)
        .stride(2, 2)
        .build();
  }

  /**
   * The encoder part (layers 0-12) as an inference graph reading preprocessed images channels-last
   * and writing the un-normalised representation.
   */
  public static InferenceGraph export(MultiLayerNetwork net, EncoderConfig c) {
    int h = c.height();
    int w = c.width();
    InferenceGraph.Builder b = InferenceGraph.builder(h * w * c.channels(), 0);
    int x = convBatchNormRelu(b, b.input(), h, w, net, CONVS[0]);
    x = b.maxPool2d(x, h, w, c.conv1(), 2, 2);
    x = convBatchNormRelu(b, x, h / 2, w / 2, net, CONVS[1]);
    x = b.maxPool2d(x, h / 2, w / 2, c.conv2(), 2, 2);
    x = convBatchNormRelu(b, x, h / 4, w / 4, net, CONVS[2]);
    int fh = c.finalHeight();
    int fw = c.finalWidth();
    int ch = c.conv3();
    int nIn = fh * fw * ch;
    int nOut = c.representation();
    float[] dl4j = Dl4jWeights.matrix(net.getLayer(DENSE).paramTable().get("W"), nIn, nOut);
    float[] nhwc = new float[dl4j.length];
    for (int ci = 0; ci < ch; ci++) {
      for (int y = 0; y < fh; y++) {
        for (int xx = 0; xx < fw; xx++) {
          int from = (ci * fh + y) * fw + xx;
          int to = (y * fw + xx) * ch + ci;
          System.arraycopy(dl4j, from * nOut, nhwc, to * nOut, nOut);
        }
      }
    }
    float[] bias = Dl4jWeights.vector(net.getLayer(DENSE).paramTable().get("b"), nOut);
    foldBatchNorm(net.getLayer(DENSE + 1), nhwc, bias);
    b.dense(x, nhwc, bias, Activation.IDENTITY);
    return b.build();
  }

  /**
   * Adds DL4J's convolution at {@code layer} with the batch-norm after it folded in and a relu,
   * over a channels-last {@code h x w} image; DL4J's kernel {@code [cout, cin, kh, kw]} becomes the
   * graph's {@code [kh * kw * cin, cout]}.
   */
  private static int convBatchNormRelu(
      InferenceGraph.Builder b, int from, int h, int w, MultiLayerNetwork net, int layer) {
    Layer l = net.getLayer(layer);
    ConvolutionLayer conv = (ConvolutionLayer) l.conf().getLayer();
    int k = conv.getKernelSize()[0];
    int cin = (int) conv.getNIn();
    int cout = (int) conv.getNOut();
    float[] dl4j = Dl4jWeights.floats(l.paramTable().get("W"));
    float[] kernel = new float[dl4j.length];
    for (int co = 0; co < cout; co++) {
      for (int ci = 0; ci < cin; ci++) {
        for (int ky = 0; ky < k; ky++) {
          for (int kx = 0; kx < k; kx++) {
            kernel[((ky * k + kx) * cin + ci) * cout + co] =
                dl4j[((co * cin + ci) * k + ky) * k + kx];
          }
        }
      }
    }
    float[] bias = Dl4jWeights.vector(l.paramTable().get("b"), cout);
    foldBatchNorm(net.getLayer(layer + 1), kernel, bias);
    return b.conv2d(
        from,
        h,
        w,
        cin,
        k,
        k,
        conv.getStride()[0],
        conv.getPadding()[0],
        kernel,
        bias,
        Activation.RELU);
  }

  /** Folds a batch-norm's running statistics (and scale and shift, if learned) into w and b. */
  private static void foldBatchNorm(Layer bn, float[] w, float[] b) {
    int n = b.length;
    BatchNormalization conf = (BatchNormalization) bn.conf().getLayer();
    float[] gamma = new float[n];
    float[] beta = new float[n];
    if (conf.isLockGammaBeta()) {
      java.util.Arrays.fill(gamma, (float) conf.getGamma());
      java.util.Arrays.fill(beta, (float) conf.getBeta());
    } else {
      gamma = Dl4jWeights.vector(bn.paramTable().get("gamma"), n);
      beta = Dl4jWeights.vector(bn.paramTable().get("beta"), n);
    }
    BatchNormFolding.fold(
        w,
        b,
        gamma,
        beta,
        Dl4jWeights.vector(bn.paramTable().get("mean"), n),
        Dl4jWeights.vector(bn.paramTable().get("var"), n),
        conf.getEps());
  }

  /**
   * The representation as DL4J computes it, for the parity check: layers 0-12 in inference mode.
   *
   * @param nhwc preprocessed images, channels-last
   */
  public static INDArray dl4jRepresentation(
      MultiLayerNetwork net, EncoderConfig c, float[] nhwc, int rows) {
    INDArray in = toNchw(nhwc, rows, c);
    return net.feedForwardToLayer(REPRESENTATION_LAYER, in, false).get(REPRESENTATION_LAYER + 1);
  }

  /** Channels-last floats to the NCHW array DL4J's convolutions read. */
  public static INDArray toNchw(float[] nhwc, int rows, EncoderConfig c) {
    return toNchw(nhwc, 0, rows, c);
  }

  /** Channels-last floats from row {@code first} to the NCHW array DL4J's convolutions read. */
  public static INDArray toNchw(float[] nhwc, int first, int rows, EncoderConfig c) {
    int h = c.height();
    int w = c.width();
    int ch = c.channels();
    int size = h * w * ch;
    float[] nchw = new float[rows * size];
    for (int r = 0; r < rows; r++) {
      int base = (first + r) * size;
      for (int y = 0; y < h; y++) {
        for (int x = 0; x < w; x++) {
          for (int k = 0; k < ch; k++) {
            nchw[r * size + (k * h + y) * w + x] = nhwc[base + (y * w + x) * ch + k];
          }
        }
      }
    }
    return Nd4j.create(nchw, new long[] {rows, ch, h, w}, 'c');
  }
}
