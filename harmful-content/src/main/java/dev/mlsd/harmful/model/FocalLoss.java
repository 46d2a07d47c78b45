package dev.mlsd.harmful.model;

import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.lossfunctions.ILossFunction;

/**
 * Binary focal loss (Lin et al., "Focal Loss for Dense Object Detection", ICCV 2017) as a DL4J loss
 * function, for a sigmoid output:
 *
 * <pre>
 *   FL(p, y) = - alpha * y * (1 - p)^gamma * ln(p) - (1 - alpha) * (1 - y) * p^gamma * ln(1 - p)
 * </pre>
 *
 * The factor {@code (1 - p)^gamma} (or {@code p^gamma}) shrinks the loss of examples the model
 * already gets right, so the rare class's hard examples weigh more: the book's answer to hate
 * speech being 6% of the posts. With {@code gamma = 0} and {@code alpha = 1/2} it is half the
 * binary cross-entropy. {@code p} is clipped to {@code [1e-7, 1 - 1e-7]}.
 *
 * <p>The gradient is taken with respect to {@code p} in closed form,
 *
 * <pre>
 *   dFL/dp = alpha * y * (gamma * (1 - p)^(gamma - 1) * ln(p) - (1 - p)^gamma / p)
 *          + (1 - alpha) * (1 - y) * (p^gamma / (1 - p) - gamma * p^(gamma - 1) * ln(1 - p))
 * </pre>
 *
 * and passed back through the layer's activation, so any activation producing a probability works.
 * A mask (per example or per output) multiplies both the score and the gradient, so non-binary
 * masks act as example weights (vote agreement). Like DL4J's own losses, the gradient is of the sum
 * over the mini-batch; the updater divides by its size. {@code FocalLossTest} checks the score
 * against the formula and the gradient against finite differences.
 *
 * <p>Book: chapter 5, "Training: class imbalance (focal loss)".
 */
public final class FocalLoss implements ILossFunction {
  private static final long serialVersionUID = 1L;
  private static final double EPS = 1e-7;

  private double alpha;
  private double gamma;
  private double scale = 1;

  /** For DL4J's JSON configuration: {@code alpha = 0.5, gamma = 2}. */
  public FocalLoss() {
    this(0.5, 2.0);
  }

  /**
   * @param alpha the weight of the positive class, in (0, 1)
   * @param gamma the focusing parameter, 0 or more (0 is weighted cross-entropy)
   */
  public FocalLoss(double alpha, double gamma) {
    if (!(alpha > 0 && alpha < 1) || !(gamma >= 0)) {
      throw new IllegalArgumentException(
          "need 0 < alpha < 1 and gamma >= 0, got " + alpha + ", " + gamma);
    }
    this.alpha = alpha;
    this.gamma = gamma;
  }

  /**
   * Class-weighted focal loss: {@code FL} with {@code alpha = a / (a + b)}, scaled by {@code a +
   * b}, so a positive example's term weighs {@code a} and a negative's {@code b}:
   *
   * <pre>
   *   - a * y * (1 - p)^gamma * ln(p) - b * (1 - y) * p^gamma * ln(1 - p)
   * </pre>
   *
   * With {@code gamma = 0} it is cross-entropy with class weights (with {@code a = b = 1}, plain
   * binary cross-entropy). This is how the network weights the hate class: DL4J's label masks are
   * not example weights (a non-binary mask also scales the layer's output), so the weight lives in
   * the loss.
   *
   * @param a the positive class's weight, above 0
   * @param b the negative class's weight, above 0
   * @param gamma the focusing parameter, 0 or more
   */
  public static FocalLoss classWeighted(double a, double b, double gamma) {
    if (!(a > 0 && b > 0)) {
      throw new IllegalArgumentException("class weights must be above 0, got " + a + ", " + b);
    }
    FocalLoss f = new FocalLoss(a / (a + b), gamma);
    f.scale = a + b;
    return f;
  }

  /** The factor on the whole loss (1, or {@code a + b} from {@link #classWeighted}). */
  public double getScale() {
    return scale;
  }

  /** For DL4J's JSON configuration. */
  public void setScale(double scale) {
    this.scale = scale;
  }

  /** The positive-class weight. */
  public double getAlpha() {
    return alpha;
  }

  /** The focusing parameter. */
  public double getGamma() {
    return gamma;
  }

  /** For DL4J's JSON configuration. */
  public void setAlpha(double alpha) {
    this.alpha = alpha;
  }

  /** For DL4J's JSON configuration. */
  public void setGamma(double gamma) {
    this.gamma = gamma;
  }

  /** The loss of one prediction, in plain Java (the formula the tests check against). */
  public double loss(double p, double y) {
    double q = clip(p);
    return scale
        * (-alpha * y * Math.pow(1 - q, gamma) * Math.log(q)
            - (1 - alpha) * (1 - y) * Math.pow(q, gamma) * Math.log(1 - q));
  }

  /** dFL/dp of one prediction. */
  public double lossGradient(double p, double y) {
    double q = clip(p);
    double pos = gamma * Math.pow(1 - q, gamma - 1) * Math.log(q) - Math.pow(1 - q, gamma) / q;
    double neg = Math.pow(q, gamma) / (1 - q) - gamma * Math.pow(q, gamma - 1) * Math.log(1 - q);
    return scale * (alpha * y * pos + (1 - alpha) * (1 - y) * neg);
  }

  private static double clip(double p) {
    return Math.min(1 - EPS, Math.max(EPS, p));
  }

  @Override
  public INDArray computeScoreArray(
      INDArray labels, INDArray preOutput, IActivation activationFn, INDArray mask) {
    float[][] y = labels.castTo(DataType.FLOAT).toFloatMatrix();
    float[][] p =
        activationFn.getActivation(preOutput.dup(), false).castTo(DataType.FLOAT).toFloatMatrix();
    float[][] m = mask == null ? null : mask.castTo(DataType.FLOAT).toFloatMatrix();
    float[] score = new float[y.length];
    for (int i = 0; i < y.length; i++) {
      double s = 0;
      for (int j = 0; j < y[i].length; j++) {
        s += loss(p[i][j], y[i][j]) * maskAt(m, i, j);
      }
      score[i] = (float) s;
    }
    return Nd4j.create(score, new long[] {score.length, 1}).castTo(preOutput.dataType());
  }

  @Override
  public double computeScore(
      INDArray labels,
      INDArray preOutput,
      IActivation activationFn,
      INDArray mask,
      boolean average) {
    INDArray scores = computeScoreArray(labels, preOutput, activationFn, mask);
    double sum = scores.sumNumber().doubleValue();
    return average ? sum / scores.size(0) : sum;
  }

  @Override
  public INDArray computeGradient(
      INDArray labels, INDArray preOutput, IActivation activationFn, INDArray mask) {
    float[][] y = labels.castTo(DataType.FLOAT).toFloatMatrix();
    float[][] p =
        activationFn.getActivation(preOutput.dup(), true).castTo(DataType.FLOAT).toFloatMatrix();
    float[][] m = mask == null ? null : mask.castTo(DataType.FLOAT).toFloatMatrix();
    float[][] dLdp = new float[y.length][];
    for (int i = 0; i < y.length; i++) {
      dLdp[i] = new float[y[i].length];
      for (int j = 0; j < y[i].length; j++) {
        dLdp[i][j] = (float) (lossGradient(p[i][j], y[i][j]) * maskAt(m, i, j));
      }
    }
    INDArray eps = Nd4j.create(dLdp).castTo(preOutput.dataType());
    return activationFn.backprop(preOutput.dup(), eps).getFirst();
  }

  @Override
  public Pair<Double, INDArray> computeGradientAndScore(
      INDArray labels,
      INDArray preOutput,
      IActivation activationFn,
      INDArray mask,
      boolean average) {
    return new Pair<>(
        computeScore(labels, preOutput, activationFn, mask, average),
        computeGradient(labels, preOutput, activationFn, mask));
  }

  private static float maskAt(float[][] m, int i, int j) {
    if (m == null) {
      return 1f;
    }
    // a per-example mask is [n, 1]; a per-output mask has one column per output
    return m[i].length == 1 ? m[i][0] : m[i][j];
  }

  @Override
  public String name() {
    return "FocalLoss(alpha="
        + alpha
        + ", gamma="
        + gamma
        + (scale == 1 ? "" : ", scale=" + scale)
        + ")";
  }

  @Override
  public String toString() {
    return name();
  }
}
