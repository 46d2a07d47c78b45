package dev.mlsd.adctr.model;

import dev.mlsd.adctr.features.EncodedRows;
import java.util.function.LongConsumer;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.graph.MergeVertex;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * Deep &amp; Cross Network (Wang et al., ADKDD 2017), one of the book's two chosen models. The
 * flattened field embeddings {@code x0} feed two parts side by side:
 *
 * <ul>
 *   <li>the cross network ({@link CrossNetworkLayer}), explicit feature crosses of growing degree:
 *       {@code x_{l+1} = x0 * (x_l . w_l) + b_l + x_l}, each layer O(d);
 *   <li>the deep part, ReLU layers.
 * </ul>
 *
 * Their outputs are concatenated and a sigmoid output layer gives the click probability.
 *
 * <p>DL4J parameters: {@code emb_W [V,k]}, {@code cross_w{l} [d,1]}, {@code cross_b{l} [1,d]},
 * {@code deep{l}_W, deep{l}_b}, {@code out_W [d + h_last, 1]}, {@code out_b [1,1]}; the concat
 * order is cross then deep.
 *
 * <p>Book: chapter 8, "Deep &amp; Cross Network".
 */
public final class DeepCrossNetwork extends NeuralClickModel {
  private DeepCrossNetwork(int fields, int featureCount, NeuralParams params) {
    super("DCN", fields, featureCount, params);
  }

  /** Trains a DCN on the field ids, with early stopping on {@code validation}. */
  public static DeepCrossNetwork train(
      int fields,
      int featureCount,
      NeuralParams params,
      EncodedRows train,
      EncodedRows validation,
      long seed,
      LongConsumer progress) {
    DeepCrossNetwork m = new DeepCrossNetwork(fields, featureCount, params);
    m.fit(train, validation, seed, progress);
    return m;
  }

  @Override
  protected String outputBiasParam() {
    return "out_b";
  }

  @Override
  protected void head(ComputationGraphConfiguration.GraphBuilder g, String lastDeep) {
    int d = flatWidth();
    int last = params.hidden()[params.hidden().length - 1];
    g.addLayer("cross", new CrossNetworkLayer(d, params.crossLayers()), "flat")
        .addVertex("concat", new MergeVertex(), "cross", lastDeep)
        .addLayer(
            "out",
            new OutputLayer.Builder(LossFunctions.LossFunction.XENT)
                .nIn(d + last)
                .nOut(1)
                .activation(Activation.SIGMOID)
                .build(),
            "concat")
        .setOutputs("out");
  }
}
