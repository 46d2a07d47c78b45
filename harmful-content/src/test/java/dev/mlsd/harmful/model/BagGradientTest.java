package dev.mlsd.harmful.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.mlsd.harmful.data.LabelWeights;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.MultiDataSet;
import org.nd4j.linalg.factory.Nd4j;

/** The gradient the network hands to its embedding bag equals the loss's finite difference. */
class BagGradientTest {
  @Test
  void bagGradientIsTheDerivativeOfTheMeanBatchLoss() {
    MultiTaskParams p =
        new MultiTaskParams(
            new int[] {6, 4},
            0.0,
            0.01,
            0,
            5,
            1,
            1,
            LossChoice.CROSS_ENTROPY,
            LabelWeights.UNIFORM,
            false,
            false,
            1);
    ComputationGraph g = new ComputationGraph(MultiTaskNetwork.configuration(3, p, 7));
    g.init();
    int batch = 5;
    Nd4j.getRandom().setSeed(3);
    INDArray bag = Nd4j.randn(DataType.DOUBLE, batch, 6).castTo(DataType.FLOAT);
    INDArray signals = Nd4j.randn(DataType.DOUBLE, batch, 3).castTo(DataType.FLOAT);
    INDArray hate = Nd4j.createFromArray(new float[][] {{1}, {0}, {0}, {1}, {0}});
    INDArray offensive = Nd4j.createFromArray(new float[][] {{0}, {1}, {1}, {1}, {0}});
    MultiTaskNetwork.BagGradient listener = new MultiTaskNetwork.BagGradient();
    g.setListeners(listener);
    MultiDataSet data =
        new MultiDataSet(new INDArray[] {bag, signals}, new INDArray[] {hate, offensive});
    double before = g.score(data);
    g.setInputs(bag, signals);
    g.setLabels(hate, offensive);
    g.computeGradientAndScore();
    float[] analytic = listener.take(batch);
    double h = 1e-2;
    for (int k : new int[] {0, 7, 29}) {
      INDArray plus = bag.dup();
      plus.putScalar(k / 6, k % 6, bag.getDouble(k / 6, k % 6) + h);
      INDArray minus = bag.dup();
      minus.putScalar(k / 6, k % 6, bag.getDouble(k / 6, k % 6) - h);
      double fPlus =
          g.score(
              new MultiDataSet(new INDArray[] {plus, signals}, new INDArray[] {hate, offensive}));
      double fMinus =
          g.score(
              new MultiDataSet(new INDArray[] {minus, signals}, new INDArray[] {hate, offensive}));
      assertEquals((fPlus - fMinus) / (2 * h), analytic[k], 2e-3, "element " + k);
    }
    assertEquals(before, g.score(data), 1e-9);
  }
}
