package dev.mlsd.benchmarks.inference;

import dev.mlsd.core.inference.InferenceGraph;
import dev.mlsd.core.inference.Kernels;
import dev.mlsd.core.inference.Scratch;
import dev.mlsd.core.inference.dl4j.Dl4jExport;
import dev.mlsd.core.inference.dl4j.Dl4jWeights;
import java.util.concurrent.TimeUnit;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.lossfunctions.LossFunctions;
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
 * The MLP, 64 -> 128 (ReLU) -> 64 (ReLU) -> 1 (sigmoid): DL4J {@code
 * MultiLayerNetwork.output()} against the exported graph on the scalar and SIMD kernels. 16,640
 * multiply-adds (33,280 FLOP) per row.
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
public class MlpInferenceBenchmark {
  /** Candidates scored per request. */
  @Param({"1", "64", "500"})
  public int batch;

  private MultiLayerNetwork net;
  private INDArray dl4jInput;
  private float[] input;
  private float[] out;
  private InferenceGraph simd;
  private InferenceGraph scalar;
  private Scratch simdScratch;
  private Scratch scalarScratch;

  static MultiLayerNetwork mlp() {
    MultiLayerConfiguration conf =
        new NeuralNetConfiguration.Builder()
            .seed(42)
            .dataType(DataType.FLOAT)
            .list()
            .layer(new DenseLayer.Builder().nIn(64).nOut(128).activation(Activation.RELU).build())
            .layer(new DenseLayer.Builder().nIn(128).nOut(64).activation(Activation.RELU).build())
            .layer(
                new OutputLayer.Builder(LossFunctions.LossFunction.XENT)
                    .nIn(64)
                    .nOut(1)
                    .activation(Activation.SIGMOID)
                    .build())
            .build();
    MultiLayerNetwork net = new MultiLayerNetwork(conf);
    net.init();
    net.params().assign(Nd4j.randn(7L, net.params().shape()).mul(0.2));
    return net;
  }

  @Setup
  public void setUp() {
    net = mlp();
    dl4jInput = Nd4j.randn(11L, new long[] {batch, 64}).castTo(DataType.FLOAT);
    input = Dl4jWeights.floats(dl4jInput);
    out = new float[batch];
    simd = Dl4jExport.fromMultiLayerNetwork(net).withKernels(Kernels.simd());
    scalar = simd.withKernels(Kernels.scalar());
    simdScratch = simd.newScratch(512);
    scalarScratch = scalar.newScratch(512);
    Check.sameWithin(1e-5, Dl4jWeights.floats(dl4jOutput()), simd(), "simd vs DL4J");
    Check.sameWithin(1e-5, Dl4jWeights.floats(dl4jOutput()), scalar(), "scalar vs DL4J");
  }

  @Benchmark
  public INDArray dl4jOutput() {
    return net.output(dl4jInput, false);
  }

  @Benchmark
  public float[] scalar() {
    scalar.score(input, batch, out, scalarScratch);
    return out;
  }

  @Benchmark
  public float[] simd() {
    simd.score(input, batch, out, simdScratch);
    return out;
  }
}
