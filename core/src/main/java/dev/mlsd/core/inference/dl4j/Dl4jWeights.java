package dev.mlsd.core.inference.dl4j;

import dev.mlsd.core.inference.Activation;
import java.util.Arrays;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.activations.impl.ActivationLReLU;
import org.nd4j.linalg.activations.impl.ActivationReLU;
import org.nd4j.linalg.activations.impl.ActivationSigmoid;
import org.nd4j.linalg.activations.impl.ActivationSoftmax;
import org.nd4j.linalg.activations.impl.ActivationTanH;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Pulls weights out of DL4J as the plain {@code float[]} layouts the inference layers use: every
 * array is copied into 'c' (row-major) order whatever order DL4J keeps it in (a dense layer's
 * {@code W} lives in the flattened parameter vector in 'f' order), so {@code [nIn, nOut]} element
 * {@code (i, j)} lands at {@code i * nOut + j}.
 *
 * <p>Thread safety: stateless; the DL4J objects read must not be trained concurrently.
 */
public final class Dl4jWeights {
  private Dl4jWeights() {}

  /** A copy of any array's values in row-major order, as float32. */
  public static float[] floats(INDArray a) {
    INDArray c = a.castTo(DataType.FLOAT).dup('c');
    float[] v = c.data().asFloat();
    if (v.length != a.length()) {
      return Arrays.copyOf(v, (int) a.length());
    }
    return v;
  }

  /**
   * A matrix in row-major order, after checking its shape.
   *
   * @throws IllegalArgumentException if the shape is not {@code [rows, cols]}
   */
  public static float[] matrix(INDArray a, int rows, int cols) {
    long[] s = a.shape();
    if (s.length != 2 || s[0] != rows || s[1] != cols) {
      throw new IllegalArgumentException(
          "expected shape [" + rows + ", " + cols + "], got " + Arrays.toString(s));
    }
    return floats(a);
  }

  /** A vector (any shape with {@code n} elements, e.g. DL4J's {@code [1, n]} bias). */
  public static float[] vector(INDArray a, int n) {
    if (a.length() != n) {
      throw new IllegalArgumentException(
          "expected " + n + " values, got shape " + Arrays.toString(a.shape()));
    }
    return floats(a);
  }

  /** A parameter of a layer ({@code "W"}, {@code "b"}, ...) in row-major order. */
  public static float[] param(Layer layer, String key) {
    INDArray p = layer.paramTable().get(key);
    if (p == null) {
      throw new IllegalArgumentException(
          "layer has no parameter '" + key + "', only " + layer.paramTable().keySet());
    }
    return floats(p);
  }

  /** A parameter of a named layer of a {@code ComputationGraph}. */
  public static float[] param(ComputationGraph graph, String layerName, String key) {
    Layer l = graph.getLayer(layerName);
    if (l == null) {
      throw new IllegalArgumentException("graph has no layer '" + layerName + "'");
    }
    return param(l, key);
  }

  /** The current value of a SameDiff variable in row-major order. */
  public static float[] variable(SameDiff sd, String name) {
    SDVariable v = sd.getVariable(name);
    if (v == null || v.getArr() == null) {
      throw new IllegalArgumentException("SameDiff graph has no array for variable '" + name + "'");
    }
    return floats(v.getArr());
  }

  /**
   * The inference activation equal to a DL4J activation function.
   *
   * @throws IllegalArgumentException for functions the inference path does not implement (and for a
   *     ReLU with a non-default threshold, cap or slope)
   */
  public static Activation activation(IActivation fn) {
    return switch (fn) {
      case ActivationIdentity a -> Activation.IDENTITY;
      case ActivationReLU r -> {
        if (isSet(r.getMax()) || isSet(r.getThreshold()) || isSet(r.getNegativeSlope())) {
          throw new IllegalArgumentException("only a plain ReLU is supported, got " + r);
        }
        yield Activation.RELU;
      }
      case ActivationLReLU l -> Activation.LEAKY_RELU;
      case ActivationSigmoid s -> Activation.SIGMOID;
      case ActivationTanH t -> Activation.TANH;
      case ActivationSoftmax s -> Activation.SOFTMAX;
      default -> throw new IllegalArgumentException("unsupported activation " + fn);
    };
  }

  /** The leaky-ReLU slope of a DL4J activation, or the default for other functions. */
  public static float alpha(IActivation fn) {
    return fn instanceof ActivationLReLU l ? (float) l.getAlpha() : Activation.DEFAULT_LEAKY_ALPHA;
  }

  private static boolean isSet(Double d) {
    return d != null && d != 0.0;
  }
}
