package dev.mlsd.core.inference.dl4j;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mlsd.core.inference.InferenceGraph;
import dev.mlsd.core.inference.Kernels;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** conv2d (padded and strided), max pooling and global average pooling against DL4J's CNN. */
class CnnParityTest {
  private static final int ROWS = 5;

  @Test
  void smallCnnMatchesDl4j() {
    MultiLayerConfiguration conf =
        new NeuralNetConfiguration.Builder()
            .seed(3)
            .dataType(DataType.FLOAT)
            .list()
            .layer(
                new ConvolutionLayer.Builder(3, 3)
                    .nOut(8)
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
                    .nOut(12)
                    .stride(2, 2)
                    .activation(Activation.TANH)
                    .build())
            .layer(new GlobalPoolingLayer.Builder(PoolingType.AVG).build())
            .layer(new DenseLayer.Builder().nOut(10).activation(Activation.IDENTITY).build())
            .setInputType(InputType.convolutional(14, 14, 3))
            .build();
    MultiLayerNetwork net = new MultiLayerNetwork(conf);
    net.init();
    net.params().assign(Nd4j.randn(4L, net.params().shape()).mul(0.3));
    INDArray nchw = Nd4j.randn(5L, new long[] {ROWS, 3, 14, 14}).castTo(DataType.FLOAT);
    INDArray ref = net.output(nchw, false);
    float[] nhwc = Dl4jWeights.floats(nchw.permute(0, 2, 3, 1));

    // 14x14x3 -conv3 pad1-> 14x14x8 -max2-> 7x7x8 -conv3 stride2-> 3x3x12 -gap-> 12 -> 10
    InferenceGraph.Builder b = InferenceGraph.builder(14 * 14 * 3, 0);
    int c1 = Dl4jExport.addConv2d(b, b.input(), 14, 14, net.getLayer(0));
    int p1 = b.maxPool2d(c1, 14, 14, 8, 2, 2);
    int c2 = Dl4jExport.addConv2d(b, p1, 7, 7, net.getLayer(2));
    int g = b.globalAvgPool(c2, 3, 3, 12);
    Dl4jExport.addDense(b, g, net.getLayer(4));
    InferenceGraph graph = b.build();
    for (Kernels k : new Kernels[] {Kernels.simd(), Kernels.scalar()}) {
      InferenceGraph gk = graph.withKernels(k);
      float[] out = new float[ROWS * 10];
      gk.score(nhwc, ROWS, out, gk.newScratch(2));
      String label = "CNN conv2d+maxpool+gap+dense" + (k == Kernels.scalar() ? " (scalar)" : "");
      double diff = ParityLog.record(label, ref, out);
      assertTrue(diff <= ParityLog.TOLERANCE, label + ": max abs diff " + diff);
    }
  }
}
