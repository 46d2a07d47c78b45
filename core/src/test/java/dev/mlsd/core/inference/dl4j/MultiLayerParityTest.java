package dev.mlsd.core.inference.dl4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mlsd.core.inference.InferenceGraph;
import dev.mlsd.core.inference.Kernels;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.recurrent.SimpleRnn;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.nd4j.linalg.activations.impl.ActivationLReLU;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/** Dense layers, every activation, batch-norm folding and both heads, against DL4J's output(). */
class MultiLayerParityTest {
  private static final int ROWS = 37;

  enum Act {
    IDENTITY(org.nd4j.linalg.activations.Activation.IDENTITY),
    RELU(org.nd4j.linalg.activations.Activation.RELU),
    LEAKY_RELU(org.nd4j.linalg.activations.Activation.LEAKYRELU),
    SIGMOID(org.nd4j.linalg.activations.Activation.SIGMOID),
    TANH(org.nd4j.linalg.activations.Activation.TANH),
    SOFTMAX(org.nd4j.linalg.activations.Activation.SOFTMAX);

    final org.nd4j.linalg.activations.Activation dl4j;

    Act(org.nd4j.linalg.activations.Activation dl4j) {
      this.dl4j = dl4j;
    }
  }

  static INDArray randomInput(long seed, int rows, int cols) {
    return Nd4j.randn(seed, new long[] {rows, cols}).castTo(DataType.FLOAT);
  }

  /** Random weights and non-zero biases, so that a layout or bias mistake shows. */
  static void randomise(MultiLayerNetwork net, long seed) {
    net.params().assign(Nd4j.randn(seed, net.params().shape()).mul(0.4));
  }

  static float[] score(InferenceGraph g, INDArray x, int rows) {
    float[] out = new float[rows * g.outputWidth()];
    g.score(Dl4jWeights.floats(x), rows, out, g.newScratch(16));
    return out;
  }

  private static void assertParity(String name, MultiLayerNetwork net, INDArray x) {
    INDArray ref = net.output(x, false);
    InferenceGraph g = Dl4jExport.fromMultiLayerNetwork(net);
    double simd = ParityLog.record(name, ref, score(g, x, ROWS));
    double scalar =
        ParityLog.record(name + " (scalar)", ref, score(g.withKernels(Kernels.scalar()), x, ROWS));
    assertTrue(simd <= ParityLog.TOLERANCE, name + ": max abs diff " + simd);
    assertTrue(scalar <= ParityLog.TOLERANCE, name + " scalar: max abs diff " + scalar);
  }

  @ParameterizedTest
  @EnumSource(Act.class)
  void denseLayersMatchDl4jForEveryActivation(Act act) {
    MultiLayerConfiguration conf =
        new NeuralNetConfiguration.Builder()
            .seed(7)
            .dataType(DataType.FLOAT)
            .list()
            .layer(new DenseLayer.Builder().nIn(23).nOut(41).activation(act.dl4j).build())
            .layer(new DenseLayer.Builder().nIn(41).nOut(17).activation(act.dl4j).build())
            .layer(
                new OutputLayer.Builder(LossFunctions.LossFunction.MSE)
                    .nIn(17)
                    .nOut(5)
                    .activation(act.dl4j)
                    .build())
            .build();
    MultiLayerNetwork net = new MultiLayerNetwork(conf);
    net.init();
    randomise(net, 11);
    assertParity("dense " + act, net, randomInput(3, ROWS, 23));
  }

  @Test
  void leakyReluSlopeIsCarriedOver() {
    MultiLayerConfiguration conf =
        new NeuralNetConfiguration.Builder()
            .seed(7)
            .dataType(DataType.FLOAT)
            .list()
            .layer(
                new DenseLayer.Builder()
                    .nIn(9)
                    .nOut(12)
                    .activation(new ActivationLReLU(0.3))
                    .build())
            .layer(
                new OutputLayer.Builder(LossFunctions.LossFunction.XENT)
                    .nIn(12)
                    .nOut(1)
                    .activation(org.nd4j.linalg.activations.Activation.SIGMOID)
                    .build())
            .build();
    MultiLayerNetwork net = new MultiLayerNetwork(conf);
    net.init();
    randomise(net, 5);
    assertParity("dense LEAKY_RELU(0.3) + sigmoid head", net, randomInput(4, ROWS, 9));
  }

  @Test
  void batchNormIsFoldedIntoTheDenseLayerBeforeIt() {
    MultiLayerConfiguration conf =
        new NeuralNetConfiguration.Builder()
            .seed(7)
            .dataType(DataType.FLOAT)
            .list()
            .layer(
                new DenseLayer.Builder()
                    .nIn(20)
                    .nOut(32)
                    .activation(org.nd4j.linalg.activations.Activation.IDENTITY)
                    .build())
            .layer(new BatchNormalization.Builder().nOut(32).build())
            .layer(new ActivationLayer(org.nd4j.linalg.activations.Activation.RELU))
            .layer(
                new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT)
                    .nIn(32)
                    .nOut(4)
                    .activation(org.nd4j.linalg.activations.Activation.SOFTMAX)
                    .build())
            .build();
    MultiLayerNetwork net = new MultiLayerNetwork(conf);
    net.init();
    randomise(net, 9);
    // running statistics far from (0, 1), so that folding them wrongly shows
    var bn = net.getLayer(1);
    bn.getParam("mean").assign(Nd4j.randn(21L, new long[] {1, 32}).mul(2));
    if (bn.paramTable().containsKey("log10stdev")) {
      bn.getParam("log10stdev").assign(Nd4j.rand(22L, new long[] {1, 32}).sub(0.5));
    } else {
      bn.getParam("var").assign(Nd4j.rand(22L, new long[] {1, 32}).mul(3).add(0.1));
    }
    assertEquals(2, Dl4jExport.fromMultiLayerNetwork(net).describe().lines().count() - 1);
    assertParity(
        "dense + batch-norm (folded) + relu + softmax head", net, randomInput(5, ROWS, 20));
  }

  @Test
  void unsupportedLayersAreRefusedByName() {
    MultiLayerConfiguration conf =
        new NeuralNetConfiguration.Builder()
            .list()
            .layer(new DenseLayer.Builder().nIn(4).nOut(4).build())
            .layer(new SimpleRnn.Builder().nIn(4).nOut(4).build())
            .build();
    MultiLayerNetwork net = new MultiLayerNetwork(conf);
    net.init();
    var e =
        assertThrows(IllegalArgumentException.class, () -> Dl4jExport.fromMultiLayerNetwork(net));
    assertTrue(e.getMessage().contains("SimpleRnn"), e.getMessage());
  }
}
