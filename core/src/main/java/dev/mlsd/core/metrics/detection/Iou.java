package dev.mlsd.core.metrics.detection;

/**
 * Intersection over union of two axis-aligned boxes:
 *
 * <pre>
 *   IoU(A, B) = area(A ∩ B) / area(A ∪ B) = area(A ∩ B) / (area(A) + area(B) - area(A ∩ B))
 * </pre>
 *
 * Boxes are corner format {@code x1, y1, x2, y2}, continuous coordinates (area = (x2 - x1) (y2 -
 * y1), no +1 pixel convention). Range [0, 1], higher is better; two empty boxes score 0. Book:
 * chapter 3.
 *
 * <p>Thread safety: stateless.
 */
public final class Iou {
  private Iou() {}

  /**
   * IoU of two boxes of four floats each.
   *
   * @param a {@code x1, y1, x2, y2}
   * @param b {@code x1, y1, x2, y2}
   */
  public static double compute(float[] a, float[] b) {
    Boxes.check(a, 1, "a");
    Boxes.check(b, 1, "b");
    return compute(a, 0, b, 0);
  }

  /**
   * IoU of box {@code i} of one packed array and box {@code j} of another, unchecked (the caller
   * has validated the arrays).
   */
  static double compute(float[] boxes, int i, float[] others, int j) {
    int p = 4 * i;
    int q = 4 * j;
    double ix = Math.min(boxes[p + 2], others[q + 2]) - Math.max(boxes[p], others[q]);
    double iy = Math.min(boxes[p + 3], others[q + 3]) - Math.max(boxes[p + 1], others[q + 1]);
    if (ix <= 0 || iy <= 0) {
      return 0.0;
    }
    double intersection = ix * iy;
    double areaA = ((double) boxes[p + 2] - boxes[p]) * ((double) boxes[p + 3] - boxes[p + 1]);
    double areaB = ((double) others[q + 2] - others[q]) * ((double) others[q + 3] - others[q + 1]);
    return intersection / (areaA + areaB - intersection);
  }
}
