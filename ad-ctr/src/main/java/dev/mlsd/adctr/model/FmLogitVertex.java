package dev.mlsd.adctr.model;

import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.samediff.SameDiffLambdaVertex;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

/**
 * DeepFM's output logit as a parameter-free DL4J vertex (forward in SameDiff): inputs the flattened
 * embeddings {@code flat [batch, k * fields]} (row-major {@code [k][fields]}), the first-order
 * weights {@code lin [batch, fields]} and the deep part's logit {@code deep [batch, 1]}; output
 *
 * <pre>
 *   sum_f lin[f] + 1/2 * sum_j [ (sum_f e[j][f])^2 - sum_f e[j][f]^2 ] + deep
 * </pre>
 *
 * <p>The no-argument constructor and the setters exist for DL4J's JSON configuration copies.
 */
public final class FmLogitVertex extends SameDiffLambdaVertex {
  private int k;
  private int fields;

  /** For DL4J's configuration (de)serialisation. */
  public FmLogitVertex() {}

  /**
   * @param k embedding size
   * @param fields number of fields
   */
  public FmLogitVertex(int k, int fields) {
    this.k = k;
    this.fields = fields;
  }

  /** Embedding size. */
  public int getK() {
    return k;
  }

  /** Sets the embedding size. */
  public void setK(int k) {
    this.k = k;
  }

  /** Number of fields. */
  public int getFields() {
    return fields;
  }

  /** Sets the number of fields. */
  public void setFields(int fields) {
    this.fields = fields;
  }

  @Override
  public SDVariable defineVertex(SameDiff sd, VertexInputs inputs) {
    SDVariable flat = inputs.getInput(0);
    SDVariable lin = inputs.getInput(1);
    SDVariable deep = inputs.getInput(2);
    // sums as products with constant 0/1 matrices: reductions with an axis fail in DL4J M2.1 here
    float[][] perDim = new float[k * fields][k];
    for (int j = 0; j < k; j++) {
      for (int f = 0; f < fields; f++) {
        perDim[j * fields + f][j] = 1f;
      }
    }
    SDVariable sumOverFields = flat.mmul(sd.constant(Nd4j.create(perDim)));
    SDVariable sumSq =
        sd.math.square(sumOverFields).mmul(sd.constant(Nd4j.ones(DataType.FLOAT, k, 1)));
    SDVariable sqSum =
        sd.math.square(flat).mmul(sd.constant(Nd4j.ones(DataType.FLOAT, k * fields, 1)));
    SDVariable first = lin.mmul(sd.constant(Nd4j.ones(DataType.FLOAT, fields, 1)));
    return first.add(sumSq.sub(sqSum).mul(0.5)).add(deep);
  }

  @Override
  public InputType getOutputType(int layerIndex, InputType... vertexInputs) {
    return InputType.feedForward(1);
  }
}
