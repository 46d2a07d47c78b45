package dev.mlsd.core.inference.dl4j;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mlsd.core.inference.InferenceGraph;
import dev.mlsd.core.inference.Kernels;
import dev.mlsd.core.inference.Pooling;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.RNNFormat;
import org.deeplearning4j.nn.conf.graph.ElementWiseVertex;
import org.deeplearning4j.nn.conf.graph.MergeVertex;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.EmbeddingLayer;
import org.deeplearning4j.nn.conf.layers.EmbeddingSequenceLayer;
import org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Embedding lookup and bags, concatenation and element-wise sum, against DL4J's own layers. */
class LayerParityTest {
  private static final int ROWS = 31;
  private static final int VOCAB = 40;

  /** Ids as DL4J wants them (floats) and as the inference path wants them (ints). */
  private static int[] ids(long seed, int cols) {
    java.util.SplittableRandom rnd = new java.util.SplittableRandom(seed);
    int[] v = new int[ROWS * cols];
    for (int i = 0; i < v.length; i++) {
      v[i] = rnd.nextInt(VOCAB);
    }
    return v;
  }

  private static INDArray asFloats(int[] ids, int cols) {
    float[] f = new float[ids.length];
    for (int i = 0; i < f.length; i++) {
      f[i] = ids[i];
    }
    return Nd4j.createFromArray(f).reshape(ROWS, cols);
  }

  private static void check(String name, INDArray ref, InferenceGraph g, float[] x, int[] ids) {
    for (Kernels k : new Kernels[] {Kernels.simd(), Kernels.scalar()}) {
      InferenceGraph gk = g.withKernels(k);
      float[] out = new float[ROWS * g.outputWidth()];
      gk.score(x, ids, ROWS, out, gk.newScratch(8));
      String label = k == Kernels.scalar() ? name + " (scalar)" : name;
      double diff = ParityLog.record(label, ref, out);
      assertTrue(diff <= ParityLog.TOLERANCE, label + ": max abs diff " + diff);
    }
  }

  @Test
  void singleIdEmbeddingLookupMatchesEmbeddingLayer() {
    MultiLayerConfiguration conf =
        new NeuralNetConfiguration.Builder()
            .seed(3)
            .dataType(DataType.FLOAT)
            .list()
            .layer(new EmbeddingLayer.Builder().nIn(VOCAB).nOut(8).hasBias(false).build())
            .build();
    MultiLayerNetwork net = new MultiLayerNetwork(conf);
    net.init();
    int[] ids = ids(1, 1);
    INDArray ref = net.output(asFloats(ids, 1), false);
    InferenceGraph.Builder b = InferenceGraph.builder(0, 1);
    Dl4jExport.addEmbedding(b, 0, 1, net.getLayer(0), Pooling.CONCAT);
    check("embedding lookup", ref, b.build(), null, ids);
  }

  enum Bag {
    SUM(PoolingType.SUM, Pooling.SUM),
    MEAN(PoolingType.AVG, Pooling.MEAN);

    final PoolingType dl4j;
    final Pooling ours;

    Bag(PoolingType dl4j, Pooling ours) {
      this.dl4j = dl4j;
      this.ours = ours;
    }
  }

  @ParameterizedTest
  @EnumSource(Bag.class)
  void bagPoolingMatchesEmbeddingSequenceLayerWithGlobalPooling(Bag bag) {
    int len = 5;
    MultiLayerConfiguration conf =
        new NeuralNetConfiguration.Builder()
            .seed(4)
            .dataType(DataType.FLOAT)
            .list()
            .layer(
                new EmbeddingSequenceLayer.Builder()
                    .nIn(VOCAB)
                    .nOut(12)
                    .inputLength(len)
                    .hasBias(false)
                    .build())
            .layer(new GlobalPoolingLayer.Builder(bag.dl4j).build())
            .build();
    MultiLayerNetwork net = new MultiLayerNetwork(conf);
    net.init();
    int[] ids = ids(2, len);
    INDArray ref = net.output(asFloats(ids, len), false);
    InferenceGraph.Builder b = InferenceGraph.builder(0, len);
    Dl4jExport.addEmbedding(b, 0, len, net.getLayer(0), bag.ours);
    check("embedding bag " + bag, ref, b.build(), null, ids);
  }

  @Test
  void perFieldLookupMatchesEmbeddingSequenceLayerFlattened() {
    int len = 4;
    MultiLayerConfiguration conf =
        new NeuralNetConfiguration.Builder()
            .seed(5)
            .dataType(DataType.FLOAT)
            .list()
            .layer(
                new EmbeddingSequenceLayer.Builder()
                    .nIn(VOCAB)
                    .nOut(6)
                    .inputLength(len)
                    .hasBias(false)
                    .outputDataFormat(RNNFormat.NWC)
                    .build())
            .build();
    MultiLayerNetwork net = new MultiLayerNetwork(conf);
    net.init();
    int[] ids = ids(3, len);
    INDArray ref = net.output(asFloats(ids, len), false).reshape('c', ROWS, len * 6);
    InferenceGraph.Builder b = InferenceGraph.builder(0, len);
    Dl4jExport.addEmbedding(b, 0, len, net.getLayer(0), Pooling.CONCAT);
    check("embedding per field (concat)", ref, b.build(), null, ids);
  }

  /** The layout the ad-ctr models use: DL4J's default NCW output {@code [batch, dim, fields]}. */
  @Test
  void perFieldLookupMatchesEmbeddingSequenceLayerInNcwFlattened() {
    int len = 4;
    MultiLayerConfiguration conf =
        new NeuralNetConfiguration.Builder()
            .seed(5)
            .dataType(DataType.FLOAT)
            .list()
            .layer(
                new EmbeddingSequenceLayer.Builder()
                    .nIn(VOCAB)
                    .nOut(6)
                    .inputLength(len)
                    .hasBias(false)
                    .build())
            .build();
    MultiLayerNetwork net = new MultiLayerNetwork(conf);
    net.init();
    int[] ids = ids(3, len);
    INDArray ref = net.output(asFloats(ids, len), false).reshape('c', ROWS, len * 6);
    InferenceGraph.Builder b = InferenceGraph.builder(0, len);
    Dl4jExport.addEmbedding(b, 0, len, net.getLayer(0), Pooling.CONCAT_NCW);
    check("embedding per field (concat, NCW)", ref, b.build(), null, ids);
  }

  @Test
  void concatenationAndSumMatchMergeAndElementWiseVertices() {
    int in = 14;
    ComputationGraphConfiguration conf =
        new NeuralNetConfiguration.Builder()
            .seed(6)
            .dataType(DataType.FLOAT)
            .graphBuilder()
            .addInputs("x")
            .addLayer(
                "a",
                new DenseLayer.Builder()
                    .nIn(in)
                    .nOut(9)
                    .activation(org.nd4j.linalg.activations.Activation.TANH)
                    .build(),
                "x")
            .addLayer(
                "b",
                new DenseLayer.Builder()
                    .nIn(in)
                    .nOut(9)
                    .activation(org.nd4j.linalg.activations.Activation.RELU)
                    .build(),
                "x")
            .addVertex("merge", new MergeVertex(), "a", "b", "x")
            .addVertex("sum", new ElementWiseVertex(ElementWiseVertex.Op.Add), "a", "b")
            .setOutputs("merge", "sum")
            .build();
    ComputationGraph cg = new ComputationGraph(conf);
    cg.init();
    cg.params().assign(Nd4j.randn(7L, cg.params().shape()).mul(0.4));
    INDArray x = Nd4j.randn(8L, new long[] {ROWS, in}).castTo(DataType.FLOAT);
    INDArray[] ref = cg.output(false, x);

    InferenceGraph.Builder b = InferenceGraph.builder(in, 0);
    int a = Dl4jExport.addDense(b, b.input(), cg.getLayer("a"));
    int c = Dl4jExport.addDense(b, b.input(), cg.getLayer("b"));
    InferenceGraph.Builder b2 = InferenceGraph.builder(in, 0);
    int a2 = Dl4jExport.addDense(b2, b2.input(), cg.getLayer("a"));
    int c2 = Dl4jExport.addDense(b2, b2.input(), cg.getLayer("b"));
    b.concat(a, c, b.input());
    b2.add(a2, c2);
    float[] xs = Dl4jWeights.floats(x);
    check("concat (MergeVertex)", ref[0], b.build(), xs, null);
    check("add (ElementWiseVertex)", ref[1], b2.build(), xs, null);
  }
}
