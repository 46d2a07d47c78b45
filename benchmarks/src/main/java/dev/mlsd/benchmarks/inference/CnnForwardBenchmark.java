package dev.mlsd.benchmarks.inference;

import dev.mlsd.core.inference.InferenceGraph;
import dev.mlsd.core.inference.Kernels;
import dev.mlsd.core.inference.Scratch;
import dev.mlsd.core.inference.dl4j.Dl4jExport;
import dev.mlsd.core.inference.dl4j.Dl4jWeights;
import java.util.concurrent.TimeUnit;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * A small visual-search embedding CNN: DL4J's own forward pass (measured first, to decide whether
 * the inference path needed conv2d at all) against the exported graph (im2col + the dense kernels)
 * on the scalar and SIMD kernels. A 64x64 RGB image through conv 3x3x16 (ReLU), max-pool 2, conv
 * 3x3x32 (ReLU), max-pool 2, conv 3x3x64 (ReLU), global average pooling and a 64 -> 64 dense
 * embedding; about 11.2 million multiply-adds per image.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(
    value = 1,
    jvmArgsAppend = {
      "--add-modules=jdk.incubator.vector",
      "--enable-native-access=ALL-UNNAMED",
      "--sun-misc-unsafe-memory-access=allow"
    })
public class CnnForwardBenchmark {
  /** Images per call: 1 for a query image, 32 for a batch of catalogue images. */
  @Param({"1", "32"})
  public int batch;

  private MultiLayerNetwork net;
  private INDArray images;
  private float[] nhwc;
  private float[] out;
  private InferenceGraph simd;
  private InferenceGraph scalar;
  private Scratch simdScratch;
  private Scratch scalarScratch;

  @Setup
  public void setUp() {
    MultiLayerConfiguration conf =
        new NeuralNetConfiguration.Builder()
            .seed(3)
            .dataType(DataType.FLOAT)
            .list()
            .layer(
                new ConvolutionLayer.Builder(3, 3)
                    .nOut(16)
                    .padding(1, 1)
                    .activation(Activation.RELU)
                    .build())
            .layer(
                new SubsamplingLayer.Builder(SubsamplingLayer.PoolingType.MAX)
                    .kernelSize(2, 2)
                    .stride(2, 2)
                    .build())
            .layer(
                new ConvolutionLayer.Builder(3, 3)
                    .nOut(32)
                    .padding(1, 1)
                    .activation(Activation.RELU)
                    .build())
            .layer(
                new SubsamplingLayer.Builder(SubsamplingLayer.PoolingType.MAX)
                    .kernelSize(2, 2)
                    .stride(2, 2)
                    .build())
            .layer(
                new ConvolutionLayer.Builder(3, 3)
                    .nOut(64)
                    .padding(1, 1)
                    .activation(Activation.RELU)
                    .build())
            .layer(new GlobalPoolingLayer.Builder(PoolingType.AVG).build())
            .layer(new DenseLayer.Builder().nOut(64).activation(Activation.IDENTITY).build())
            .setInputType(InputType.convolutional(64, 64, 3))
            .build();
    net = new MultiLayerNetwork(conf);
    net.init();
    images = Nd4j.rand(DataType.FLOAT, batch, 3, 64, 64);
    INDArray ref = net.output(images, false);
    if (ref.rows() != batch || ref.columns() != 64) {
      throw new AssertionError("unexpected CNN output " + ref.shapeInfoToString());
    }
    nhwc = Dl4jWeights.floats(images.permute(0, 2, 3, 1));
    out = new float[batch * 64];
    InferenceGraph.Builder b = InferenceGraph.builder(64 * 64 * 3, 0).kernels(Kernels.simd());
    int c1 = Dl4jExport.addConv2d(b, b.input(), 64, 64, net.getLayer(0));
    int p1 = b.maxPool2d(c1, 64, 64, 16, 2, 2);
    int c2 = Dl4jExport.addConv2d(b, p1, 32, 32, net.getLayer(2));
    int p2 = b.maxPool2d(c2, 32, 32, 32, 2, 2);
    int c3 = Dl4jExport.addConv2d(b, p2, 16, 16, net.getLayer(4));
    int g = b.globalAvgPool(c3, 16, 16, 64);
    Dl4jExport.addDense(b, g, net.getLayer(6));
    simd = b.build();
    scalar = simd.withKernels(Kernels.scalar());
    simdScratch = simd.newScratch(32);
    scalarScratch = scalar.newScratch(32);
    float[] expected = Dl4jWeights.floats(ref);
    Check.sameWithin(1e-5, expected, simd(), "simd vs DL4J");
    Check.sameWithin(1e-5, expected, scalar(), "scalar vs DL4J");
  }

  @Benchmark
  public float[] scalar() {
    scalar.score(nhwc, batch, out, scalarScratch);
    return out;
  }

  @Benchmark
  public float[] simd() {
    simd.score(nhwc, batch, out, simdScratch);
    return out;
  }

  @Benchmark
  public INDArray dl4jOutput() {
    return net.output(images, false);
  }
}
