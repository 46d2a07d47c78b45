package dev.mlsd.core.metrics.detection;

import dev.mlsd.core.metrics.Checks;

/**
 * The annotated boxes over a set of images, one entry per box.
 *
 * <p>The arrays are owned by the record and not copied; record equality is array identity.
 *
 * @param imageIds the image of each box
 * @param classIds the class of each box (all 0 for one class)
 * @param boxes {@code x1, y1, x2, y2} of each box, packed
 */
public record GroundTruths(int[] imageIds, int[] classIds, float[] boxes) {

  /** Validates lengths and boxes. */
  public GroundTruths {
    Checks.sameLength(imageIds.length, classIds.length, "ground-truth imageIds and classIds");
    Boxes.check(boxes, imageIds.length, "ground-truth boxes");
  }

  /** Single-class ground truth (class 0). */
  public static GroundTruths ofOneClass(int[] imageIds, float[] boxes) {
    return new GroundTruths(imageIds, new int[imageIds.length], boxes);
  }

  /** The number of boxes. */
  public int size() {
    return imageIds.length;
  }

  /** The number of boxes of class {@code classId}. */
  public int count(int classId) {
    int c = 0;
    for (int k : classIds) {
      if (k == classId) {
        c++;
      }
    }
    return c;
  }
}
