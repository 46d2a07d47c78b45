package dev.mlsd.adctr.model;

import dev.mlsd.adctr.features.EncodedRows;
import java.util.function.LongConsumer;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.graph.ReshapeVertex;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.EmbeddingSequenceLayer;
import org.deeplearning4j.nn.conf.layers.LossLayer;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * DeepFM (Guo et al., IJCAI 2017), the book's other chosen model: a factorisation machine and a
 * deep network that share the same field embeddings, their logits summed ({@link FmLogitVertex}):
 *
 * <pre>
 *   logit = sum_f lin[id_f]                                         (first order)
 *         + 1/2 * sum_j [ (sum_f e_fj)^2 - sum_f e_fj^2 ]           (FM, second order)
 *         + deep(flatten(e))                                        (DNN, its bias the global bias)
 * </pre>
 *
 * <p>DL4J parameters: {@code emb_W [V,k]}, {@code lin_W [V,1]}, {@code deep{l}_W, deep{l}_b},
 * {@code deepout_W [h_last,1]}, {@code deepout_b [1,1]}.
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
  protected void head(ComputationGraphConfiguration.GraphBuilder g, String lastDeep) {
    int last = params.hidden()[params.hidden().length - 1];
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
        .addLayer(
            "deepout",
            new DenseLayer.Builder().nIn(last).nOut(1).activation(Activation.IDENTITY).build(),
            lastDeep)
        .addVertex(
            "logit", new FmLogitVertex(params.embeddingDim(), fields), "flat", "linflat", "deepout")
        .addLayer(
            "out",
            new LossLayer.Builder(LossFunctions.LossFunction.XENT)
                .activation(Activation.SIGMOID)
                .build(),
            "logit")
        .setOutputs("out");
  }
}
