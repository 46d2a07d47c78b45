package dev.mlsd.visualsearch.model;

import dev.mlsd.core.inference.Activation;
import dev.mlsd.core.inference.InferenceGraph;
import dev.mlsd.core.inference.dl4j.Dl4jExport;
import dev.mlsd.core.inference.dl4j.Dl4jWeights;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
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
 * <p>Layers of the DL4J network: 0 conv, 1 max-pool, 2 conv, 3 max-pool, 4 strided conv, 5 dense
 * representation (identity), 6 dense head (relu), 7 dense projection (identity). DL4J flattens the
 * last image channels-first (c, y, x); the inference graph holds images channels-last, so the
 * export reorders the rows of layer 5's weights.
 *
 * <p>Thread safety: the network is not thread-safe; the exported graph is immutable.
 *
 * <p>Book: chapter 2, "Model architecture" (a CNN that maps an image to an embedding).
 */
public final class CnnEncoder {
  /** Index of the representation layer in the DL4J network. */
  public static final int REPRESENTATION_LAYER = 5;

  private CnnEncoder() {}

  /** A new, seeded, randomly initialised network (the random-weight baseline as it is). */
  public static MultiLayerNetwork network(EncoderConfig c, long seed) {
    MultiLayerConfiguration conf =
        new NeuralNetConfiguration.Builder()
            .seed(seed)
            .dataType(DataType.FLOAT)
            .weightInit(WeightInit.RELU)
            .updater(new Adam(c.learningRate()))
            .list()
            .layer(conv(c.conv1(), 1, org.nd4j.linalg.activations.Activation.RELU))
            .layer(pool())
            .layer(conv(c.conv2(), 1, org.nd4j.linalg.activations.Activation.RELU))
            .layer(pool())
            .layer(conv(c.conv3(), 2, org.nd4j.linalg.activations.Activation.RELU))
            .layer(
                new DenseLayer.Builder()
                    .nOut(c.representation())
                    .activation(org.nd4j.linalg.activations.Activation.IDENTITY)
                    .weightInit(WeightInit.XAVIER)
                    .build())
            .layer(
                new DenseLayer.Builder()
                    .nOut(c.representation())
                    .activation(org.nd4j.linalg.activations.Activation.RELU)
                    .build())
            .layer(
                new DenseLayer.Builder()
                    .nOut(c.projection())
                    .activation(org.nd4j.linalg.activations.Activation.IDENTITY)
                    .weightInit(WeightInit.XAVIER)
                    .build())
            .setInputType(InputType.convolutional(c.height(), c.width(), c.channels()))
            .build();
    MultiLayerNetwork net = new MultiLayerNetwork(conf);
    net.init();
    return net;
  }

  private static ConvolutionLayer conv(
      int out, int stride, org.nd4j.linalg.activations.Activation a) {
    return new ConvolutionLayer.Builder(3, 3)
        .nOut(out)
        .stride(stride, stride)
        .padding(1, 1)
        .activation(a)
        .build();
  }

  private static SubsamplingLayer pool() {
    return new SubsamplingLayer.Builder(SubsamplingLayer.PoolingType.MAX)
        .kernelSize(2, 2)
        .stride(2, 2)
        .build();
  }

  /**
   * The encoder part (layers 0-5) as an inference graph reading preprocessed images channels-last
   * and writing the un-normalised representation.
   */
  public static InferenceGraph export(MultiLayerNetwork net, EncoderConfig c) {
    int h = c.height();
    int w = c.width();
    InferenceGraph.Builder b = InferenceGraph.builder(h * w * c.channels(), 0);
    int x = Dl4jExport.addConv2d(b, b.input(), h, w, net.getLayer(0));
    x = b.maxPool2d(x, h, w, c.conv1(), 2, 2);
    x = Dl4jExport.addConv2d(b, x, h / 2, w / 2, net.getLayer(2));
    x = b.maxPool2d(x, h / 2, w / 2, c.conv2(), 2, 2);
    x = Dl4jExport.addConv2d(b, x, h / 4, w / 4, net.getLayer(4));
    int fh = c.finalHeight();
    int fw = c.finalWidth();
    int ch = c.conv3();
    int nIn = fh * fw * ch;
    int nOut = c.representation();
    float[] dl4j = Dl4jWeights.matrix(net.getLayer(5).paramTable().get("W"), nIn, nOut);
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
    float[] bias = Dl4jWeights.vector(net.getLayer(5).paramTable().get("b"), nOut);
    b.dense(x, nhwc, bias, Activation.IDENTITY);
    return b.build();
  }

  /**
   * The representation as DL4J computes it, for the parity check: layers 0-5 in inference mode.
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
