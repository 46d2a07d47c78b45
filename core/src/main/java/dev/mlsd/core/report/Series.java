package dev.mlsd.core.report;

/**
 * One named curve of a line chart: points {@code (x[i], y[i])} in the order given.
 *
 * @param name the legend's label (a model)
 * @param x abscissae
 * @param y ordinates, as many as {@code x}
 */
public record Series(String name, double[] x, double[] y) {
  /** Checks the name and the lengths. */
  public Series {
    if (name == null || name.isBlank()) {
      throw new IllegalArgumentException("a series needs a name");
    }
    if (x == null || y == null || x.length != y.length) {
      throw new IllegalArgumentException("x and y must have the same length");
    }
  }

  /** A series over x = 1, 2, ..., n (an epoch, a rank). */
  public static Series ofY(String name, double[] y) {
    double[] x = new double[y.length];
    for (int i = 0; i < x.length; i++) {
      x[i] = i + 1;
    }
    return new Series(name, x, y);
  }

  /** Number of points. */
  public int size() {
    return x.length;
  }

  /**
   * At most {@code maxPoints} of the points, evenly spaced by index, first and last kept (a ROC
   * curve over 50,000 thresholds draws the same with 400 points and keeps the page small).
   */
  public Series thin(int maxPoints) {
    if (maxPoints < 2) {
      throw new IllegalArgumentException("keep at least 2 points");
    }
    if (x.length <= maxPoints) {
      return this;
    }
    double[] tx = new double[maxPoints];
    double[] ty = new double[maxPoints];
    for (int i = 0; i < maxPoints; i++) {
      int j = (int) Math.round((double) i * (x.length - 1) / (maxPoints - 1));
      tx[i] = x[j];
      ty[i] = y[j];
    }
    return new Series(name, tx, ty);
  }
}
