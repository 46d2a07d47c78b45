package dev.mlsd.benchmarks.inference;

import dev.mlsd.core.inference.InferenceGraph;
import dev.mlsd.core.inference.Scratch;
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
    INDArray out = net.output(images, false);
    if (out.rows() != batch
        || out.columns() != 64
        || !Double.isFinite(out.sumNumber().doubleValue())) {
      throw new AssertionError("unexpected CNN output " + out.shapeInfoToString());
    }
  }

  @Benchmark
  public INDArray dl4jOutput() {
    return net.output(images, false);
  }
}
