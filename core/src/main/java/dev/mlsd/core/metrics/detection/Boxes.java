package dev.mlsd.core.metrics.detection;

/** Checks of packed box arrays. */
final class Boxes {
  private Boxes() {}

  /** Checks that {@code boxes} holds {@code count} valid boxes. */
  static void check(float[] boxes, int count, String name) {
    if (boxes.length != 4 * count) {
      throw new IllegalArgumentException(
          name
              + " must hold 4 floats per box: "
              + boxes.length
              + " floats for "
              + count
              + " boxes");
    }
    for (int b = 0; b < count; b++) {
      float x1 = boxes[4 * b];
      float y1 = boxes[4 * b + 1];
      float x2 = boxes[4 * b + 2];
      float y2 = boxes[4 * b + 3];
      if (!(x2 >= x1 && y2 >= y1)
          || !Float.isFinite(x1)
          || !Float.isFinite(y1)
          || !Float.isFinite(x2)
          || !Float.isFinite(y2)) {
        throw new IllegalArgumentException(
            name
                + " box "
                + b
                + " ("
                + x1
                + ", "
                + y1
                + ", "
                + x2
                + ", "
                + y2
                + ") is not finite with x2 >= x1 and y2 >= y1");
      }
    }
  }
}
