package dev.mlsd.core.metrics.detection;

import dev.mlsd.core.metrics.Checks;

/**
 * A detector's output over a set of images, one entry per box.
 *
 * <p>The arrays are owned by the record and not copied; record equality is array identity.
 *
 * @param imageIds the image of each detection
 * @param classIds the predicted class of each detection (all 0 for one class)
 * @param boxes {@code x1, y1, x2, y2} of each detection, packed
 * @param scores the confidence of each detection, none NaN
 */
public record Detections(int[] imageIds, int[] classIds, float[] boxes, float[] scores) {

  /** Validates lengths, boxes and scores. */
  public Detections {
    Checks.sameLength(imageIds.length, classIds.length, "detection imageIds and classIds");
    Checks.sameLength(imageIds.length, scores.length, "detection imageIds and scores");
    Boxes.check(boxes, imageIds.length, "detection boxes");
    Checks.noNaN(scores, "detection scores");
  }

  /** Single-class detections (class 0). */
  public static Detections ofOneClass(int[] imageIds, float[] boxes, float[] scores) {
    return new Detections(imageIds, new int[imageIds.length], boxes, scores);
  }

  /** The number of detections. */
  public int size() {
    return imageIds.length;
  }
}
