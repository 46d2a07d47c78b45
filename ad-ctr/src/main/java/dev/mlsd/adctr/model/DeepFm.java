package dev.mlsd.adctr.model;

import dev.mlsd.adctr.features.EncodedRows;
import java.util.function.LongConsumer;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.graph.ElementWiseVertex;
import org.deeplearning4j.nn.conf.graph.ReshapeVertex;
import org.deeplearning4j.nn.conf.graph.ScaleVertex;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.EmbeddingSequenceLayer;
import org.deeplearning4j.nn.conf.layers.LossLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * DeepFM (Guo et al., IJCAI 2017), the book's other chosen model: a factorisation machine and a
 * deep network that share the same field embeddings, their logits summed:
 *
 * <pre>
 *   logit = sum_f lin[id_f]                                         (first order)
 *         + 1/2 * sum_j [ (sum_f e_fj)^2 - sum_f e_fj^2 ]           (FM, second order)
 *         + deep(flatten(e))                                        (DNN, its bias the global bias)
 * </pre>
 *
 * Built from DL4J's own layers and vertices only: the sums are dense layers with fixed 0/1 weights
 * (learning rate 0, no regularisation), the squares element-wise products of a node with itself. (A
 * SameDiff lambda vertex for the FM term produced NaN gradients in DL4J 1.0.0-M2.1.)
 *
 * <p>DL4J parameters: {@code emb_W [V,k]}, {@code lin_W [V,1]}, {@code deep{l}_W, deep{l}_b},
 * {@code deepout_W [h_last,1]}, {@code deepout_b [1,1]}; the fixed sums {@code fm_sum_W, fm_sq_W,
 * fm_sumsq_W, lin_sum_W}.
 *
 * <p>Book: chapter 8, "DeepFM".
 */
public final class DeepFm extends NeuralClickModel {
  private DeepFm(int fields, int featureCount, NeuralParams params) {
    super("DeepFM", fields, featureCount, params);
  }

  /** Trains a DeepFM on the field ids, with early stopping on {@code validation}. */
  public static DeepFm train(
      int fields,
      int featureCount,
      NeuralParams params,
      EncodedRows train,
      EncodedRows validation,
      long seed,
      LongConsumer progress) {
    DeepFm m = new DeepFm(fields, featureCount, params);
    m.fit(train, validation, seed, progress);
    return m;
  }

  @Override
  protected String outputBiasParam() {
    return "deepout_b";
  }

  private static DenseLayer fixedSum(int in, int out) {
    return new DenseLayer.Builder()
        .nIn(in)
        .nOut(out)
        .hasBias(false)
        .activation(Activation.IDENTITY)
        // learning rate 0 freezes them (a NoOp updater would apply the raw gradient)
        .updater(new Sgd(0.0))
        .l2(0)
        .build();
  }

  @Override
  protected void head(ComputationGraphConfiguration.GraphBuilder g, String lastDeep) {
    int last = params.hidden()[params.hidden().length - 1];
    int k = params.embeddingDim();
    int d = flatWidth();
    g.addLayer(
            "lin",
            new EmbeddingSequenceLayer.Builder()
                .nIn(featureCount)
                .nOut(1)
                .inputLength(fields)
                .hasBias(false)
                .weightInit(WeightInit.ZERO)
                .build(),
            "ids")
        .addVertex("linflat", new ReshapeVertex('c', new int[] {-1, fields}, null), "lin")
        .addLayer("lin_sum", fixedSum(fields, 1), "linflat")
        // (sum_f e_f)_j for each j, then squared and summed over j
        .addLayer("fm_sum", fixedSum(d, k), "flat")
        .addVertex(
            "fm_sum_sq", new ElementWiseVertex(ElementWiseVertex.Op.Product), "fm_sum", "fm_sum")
        .addLayer("fm_sq", fixedSum(k, 1), "fm_sum_sq")
        // sum_f sum_j e_fj^2
        .addVertex("flat_sq", new ElementWiseVertex(ElementWiseVertex.Op.Product), "flat", "flat")
        .addLayer("fm_sumsq", fixedSum(d, 1), "flat_sq")
        .addVertex(
            "fm_diff", new ElementWiseVertex(ElementWiseVertex.Op.Subtract), "fm_sq", "fm_sumsq")
        .addVertex("fm", new ScaleVertex(0.5), "fm_diff")
        .addLayer(
            "deepout",
            new DenseLayer.Builder().nIn(last).nOut(1).activation(Activation.IDENTITY).build(),
            lastDeep)
        .addVertex(
            "logit", new ElementWiseVertex(ElementWiseVertex.Op.Add), "lin_sum", "fm", "deepout")
        .addLayer(
            "out",
            new LossLayer.Builder(LossFunctions.LossFunction.XENT)
                .activation(Activation.SIGMOID)
                .build(),
            "logit")
        .setOutputs("out");
  }

  @Override
  protected void initFixed(ComputationGraph graph) {
    int k = params.embeddingDim();
    float[][] perDim = new float[k * fields][k];
    for (int j = 0; j < k; j++) {
      for (int f = 0; f < fields; f++) {
        // DL4J's flattened embeddings are [k][fields]: element (j, f) at j * fields + f
        perDim[j * fields + f][j] = 1f;
      }
    }
    graph.getParam("fm_sum_W").assign(Nd4j.create(perDim));
    graph.getParam("fm_sq_W").assign(Nd4j.ones(DataType.FLOAT, k, 1));
    graph.getParam("fm_sumsq_W").assign(Nd4j.ones(DataType.FLOAT, k * fields, 1));
    graph.getParam("lin_sum_W").assign(Nd4j.ones(DataType.FLOAT, fields, 1));
  }
}
