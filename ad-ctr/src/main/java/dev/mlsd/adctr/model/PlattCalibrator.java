package dev.mlsd.adctr.model;

/**
 * Platt scaling: a one-dimensional logistic regression on the model's logit, {@code q = sigmoid(a *
 * logit(p) + b)}, fitted by Newton's method on the validation split (never on test). Fixes a model
 * whose probabilities are systematically too high or too low, such as one trained on down-sampled
 * negatives, without changing its ranking (a &gt; 0 keeps the order).
 *
 * <p>Book: chapter 8, "Challenges: calibration".
 *
 * <p>Thread safety: immutable.
 *
 * @param a the slope on the logit
 * @param b the intercept
 */
public record PlattCalibrator(double a, double b) {
  /** The identity calibration. */
  public static final PlattCalibrator IDENTITY = new PlattCalibrator(1, 0);

  /**
   * Fits on validation predictions and labels.
   *
   * @throws IllegalArgumentException on empty or mismatched input, or labels of one class only
   */
  public static PlattCalibrator fit(float[] p, boolean[] y) {
    if (p.length != y.length || p.length == 0) {
      throw new IllegalArgumentException(
          "need as many labels as predictions, at least one: " + p.length + " vs " + y.length);
    }
    int pos = 0;
    for (boolean v : y) {
      if (v) {
        pos++;
      }
    }
    if (pos == 0 || pos == y.length) {
      throw new IllegalArgumentException("labels of both classes are needed to calibrate");
    }
    double[] x = new double[p.length];
    for (int i = 0; i < p.length; i++) {
      if (!(p[i] >= 0 && p[i] <= 1)) {
        throw new IllegalArgumentException("prediction " + i + " is not a probability: " + p[i]);
      }
      x[i] = logit(p[i]);
    }
    double a = 1;
    double b = 0;
    for (int it = 0; it < 50; it++) {
      double ga = 0, gb = 0, haa = 0, hab = 0, hbb = 0;
      for (int i = 0; i < x.length; i++) {
        double q = 1 / (1 + Math.exp(-(a * x[i] + b)));
        double g = q - (y[i] ? 1 : 0);
        double h = Math.max(q * (1 - q), 1e-12);
        ga += g * x[i];
        gb += g;
        haa += h * x[i] * x[i];
        hab += h * x[i];
        hbb += h;
      }
      // small ridge keeps the 2x2 Newton system well posed
      haa += 1e-9;
      hbb += 1e-9;
      double det = haa * hbb - hab * hab;
      double da = (hbb * ga - hab * gb) / det;
      double db = (haa * gb - hab * ga) / det;
      a -= da;
      b -= db;
      if (Math.abs(da) + Math.abs(db) < 1e-10) {
        break;
      }
    }
    return new PlattCalibrator(a, b);
  }

  /** The calibrated probability of one prediction. */
  public float apply(float p) {
    return (float) (1 / (1 + Math.exp(-(a * logit(p) + b))));
  }

  /** Calibrated copies of predictions. */
  public float[] apply(float[] p) {
    float[] q = new float[p.length];
    for (int i = 0; i < p.length; i++) {
      q[i] = apply(p[i]);
    }
    return q;
  }

  private static double logit(double p) {
    double c = Math.min(1 - 1e-7, Math.max(1e-7, p));
    return Math.log(c / (1 - c));
  }
}
