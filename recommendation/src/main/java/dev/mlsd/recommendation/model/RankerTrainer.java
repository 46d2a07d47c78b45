package dev.mlsd.recommendation.model;

import dev.mlsd.core.inference.InferenceGraph;
import dev.mlsd.core.inference.dl4j.Dl4jExport;
import dev.mlsd.core.inference.dl4j.Dl4jWeights;
import java.util.SplittableRandom;
import java.util.function.LongConsumer;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * Trains the scoring model, a DNN heavier than the towers (two hidden layers over the ranking
 * features), as binary classification (sigmoid, cross-entropy): did the user like the candidate in
 * the next period? Examples are the merged candidates of the validation requests (so the ranker
 * learns on exactly the distribution the candidate generators produce), negatives down-sampled.
 * Exported to a core {@link InferenceGraph} for serving.
 *
 * <p>Thread safety: single-threaded.
 *
 * <p>Book: chapter 6, "Serving" (scoring model).
 */
public final class RankerTrainer {
  /**
   * Hyper-parameters.
   *
   * @param hidden1 first hidden width
   * @param hidden2 second hidden width
   * @param epochs passes
   * @param batchSize rows per step
   * @param learningRate Adam step size
   * @param seed seeds weights and shuffling
   */
  public record Params(
      int hidden1, int hidden2, int epochs, int batchSize, double learningRate, long seed) {
    /** The demo's defaults. */
    public static Params defaults() {
      return new Params(64, 32, 6, 256, 1e-3, 13L);
    }
  }

  private RankerTrainer() {}

  /**
   * Trains and exports.
   *
   * @param x row-major features, {@code rows x width}
   * @param y labels (0 or 1), one per row
   * @param rows number of rows
   * @param width features per row
   * @param p hyper-parameters
   * @param progress told each epoch's loss and the rows done
   * @return the DL4J network (for parity checks) and its export
   */
  public static Trained train(
      float[] x, float[] y, int rows, int width, Params p, TrainingProgress progress) {
    MultiLayerConfiguration conf =
        new NeuralNetConfiguration.Builder()
            .seed(p.seed())
            .updater(new Adam(p.learningRate()))
            .weightInit(WeightInit.XAVIER)
            .list()
            .layer(
                new DenseLayer.Builder()
                    .nIn(width)
                    .nOut(p.hidden1())
                    .activation(Activation.RELU)
                    .build())
            .layer(
                new DenseLayer.Builder()
                    .nIn(p.hidden1())
                    .nOut(p.hidden2())
                    .activation(Activation.RELU)
                    .build())
            .layer(
                new OutputLayer.Builder(LossFunctions.LossFunction.XENT)
                    .nIn(p.hidden2())
                    .nOut(1)
                    .activation(Activation.SIGMOID)
                    .build())
            .build();
    MultiLayerNetwork net = new MultiLayerNetwork(conf);
    net.init();
    // standardise each column on the training rows; folded into the exported first layer
    float[] mean = new float[width];
    float[] std = new float[width];
    for (int r = 0; r < rows; r++) {
      for (int j = 0; j < width; j++) {
        mean[j] += x[r * width + j];
      }
    }
    for (int j = 0; j < width; j++) {
      mean[j] /= Math.max(1, rows);
    }
    for (int r = 0; r < rows; r++) {
      for (int j = 0; j < width; j++) {
        float d = x[r * width + j] - mean[j];
        std[j] += d * d;
      }
    }
    for (int j = 0; j < width; j++) {
      std[j] = (float) Math.sqrt(std[j] / Math.max(1, rows));
      if (!(std[j] > 1e-6f)) {
        std[j] = 1f;
      }
    }
    SplittableRandom rnd = new SplittableRandom(p.seed());
    int[] order = new int[rows];
    for (int i = 0; i < rows; i++) {
      order[i] = i;
    }
    double[] losses = new double[p.epochs()];
    LongConsumer done =
        progress.begin("ranker, " + p.epochs() + " epochs x " + rows, (long) p.epochs() * rows);
    for (int epoch = 1; epoch <= p.epochs(); epoch++) {
      Shuffle.inPlace(order, rows, rnd);
      double loss = 0;
      int batches = 0;
      for (int b0 = 0; b0 < rows; b0 += p.batchSize()) {
        int bs = Math.min(p.batchSize(), rows - b0);
        float[] bx = new float[bs * width];
        float[] by = new float[bs];
        for (int q = 0; q < bs; q++) {
          int r = order[b0 + q];
          for (int j = 0; j < width; j++) {
            bx[q * width + j] = (x[r * width + j] - mean[j]) / std[j];
          }
          by[q] = y[r];
        }
        net.fit(
            new DataSet(
                Nd4j.create(bx, new long[] {bs, width}, 'c'),
                Nd4j.create(by, new long[] {bs, 1}, 'c')));
        loss += net.score();
        batches++;
        done.accept(bs);
      }
      losses[epoch - 1] = loss / batches;
    }
    progress.end();
    for (int epoch = 1; epoch <= p.epochs(); epoch++) {
      progress.line(
          String.format(
              java.util.Locale.ROOT,
              "ranker epoch %d/%d: %d rows, mean cross-entropy %.4f",
              epoch,
              p.epochs(),
              rows,
              losses[epoch - 1]));
      progress.loss("ranker", epoch, losses[epoch - 1]);
    }
    return new Trained(net, mean, std, export(net, mean, std));
  }

  /**
   * Exports the network with the standardisation folded into the first layer: for {@code x' = (x -
   * mean) / std}, {@code x' W + b = x W' + b'} with {@code W'[i][j] = W[i][j] / std_i} and {@code
   * b'_j = b_j - sum_i mean_i W'[i][j]}. Exact up to float rounding.
   */
  static InferenceGraph export(MultiLayerNetwork net, float[] mean, float[] std) {
    var layers = net.getLayers();
    int width = mean.length;
    float[] w = Dl4jWeights.param(layers[0], "W");
    float[] b = Dl4jWeights.param(layers[0], "b");
    int out = b.length;
    for (int i = 0; i < width; i++) {
      for (int j = 0; j < out; j++) {
        w[i * out + j] /= std[i];
        b[j] -= mean[i] * w[i * out + j];
      }
    }
    InferenceGraph.Builder g = InferenceGraph.builder(width, 0);
    int node = g.dense(g.input(), w, b, dev.mlsd.core.inference.Activation.RELU);
    for (int l = 1; l < layers.length; l++) {
      node = Dl4jExport.addDense(g, node, layers[l]);
    }
    return g.build();
  }

  /**
   * A trained ranker.
   *
   * @param network the DL4J network (reads standardised rows)
   * @param mean per-column training mean
   * @param std per-column training standard deviation
   * @param exported its core inference export
   */
  public record Trained(
      MultiLayerNetwork network, float[] mean, float[] std, InferenceGraph exported) {}
}
