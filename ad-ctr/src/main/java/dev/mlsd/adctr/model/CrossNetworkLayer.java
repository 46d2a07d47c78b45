package dev.mlsd.adctr.model;

import java.util.Map;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.samediff.SDLayerParams;
import org.deeplearning4j.nn.conf.layers.samediff.SameDiffLayer;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * DCN's cross network as a DL4J layer (its forward pass written in SameDiff, DL4J derives the
 * gradient): {@code layers} cross layers over the input {@code x0 [batch, width]},
 *
 * <pre>
 *   x_{l+1} = x0 * (x_l . w_l) + b_l + x_l        w_l [width, 1], b_l [1, width]
 * </pre>
 *
 * Parameters {@code w0, b0, w1, b1, ...}; the weights start at N(0, 1/width), the biases at 0.
 *
 * <p>Book: chapter 8, "Deep &amp; Cross Network". Wang et al., ADKDD 2017.
 *
 * <p>The no-argument constructor and the setters exist for DL4J's JSON configuration copies.
 */
public final class CrossNetworkLayer extends SameDiffLayer {
  private int width;
  private int layers;

  /** For DL4J's configuration (de)serialisation. */
  public CrossNetworkLayer() {}

  /**
   * @param width the input (and output) width
   * @param layers number of cross layers, at least 1
   */
  public CrossNetworkLayer(int width, int layers) {
    if (width < 1 || layers < 1) {
      throw new IllegalArgumentException("width and layers must be >= 1");
    }
    this.width = width;
    this.layers = layers;
  }

  /** The input width. */
  public int getWidth() {
    return width;
  }

  /** Sets the input width. */
  public void setWidth(int width) {
    this.width = width;
  }

  /** Number of cross layers. */
  public int getLayers() {
    return layers;
  }

  /** Sets the number of cross layers. */
  public void setLayers(int layers) {
    this.layers = layers;
  }

  @Override
  public SDVariable defineLayer(
      SameDiff sd, SDVariable x0, Map<String, SDVariable> p, SDVariable mask) {
    SDVariable x = x0;
    for (int l = 0; l < layers; l++) {
      x = x0.mul(x.mmul(p.get("w" + l))).add(p.get("b" + l)).add(x);
    }
    return x;
  }

  @Override
  public void defineParameters(SDLayerParams params) {
    for (int l = 0; l < layers; l++) {
      params.addWeightParam("w" + l, width, 1);
      params.addBiasParam("b" + l, 1, width);
    }
  }

  @Override
  public void initializeParameters(Map<String, INDArray> params) {
    for (Map.Entry<String, INDArray> e : params.entrySet()) {
      if (e.getKey().startsWith("w")) {
        e.getValue()
            .assign(
                Nd4j.randn(e.getValue().dataType(), e.getValue().shape())
                    .muli(1.0 / Math.sqrt(width)));
      } else {
        e.getValue().assign(0);
      }
    }
  }

  @Override
  public InputType getOutputType(int layerIndex, InputType inputType) {
    return InputType.feedForward(width);
  }
}
