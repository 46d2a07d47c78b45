package dev.mlsd.core.metrics.detection;

/**
 * True positives, false positives and false negatives of a detector at an IoU threshold, and the
 * precision and recall they give:
 *
 * <pre>
 *   precision = TP / (TP + FP),   recall = TP / (TP + FN) = TP / (number of ground-truth boxes)
 * </pre>
 *
 * Both in [0, 1], higher is better. Book: chapter 3 (precision at an IoU threshold).
 *
 * @param truePositives detections matched to a ground-truth box
 * @param falsePositives detections not matched
 * @param falseNegatives ground-truth boxes not matched
 */
public record DetectionCounts(long truePositives, long falsePositives, long falseNegatives) {

  /**
   * Counts the detections with score at least {@code minScore}, matched at {@code iouThreshold},
   * over all classes.
   *
   * @param detections the detections
   * @param truths the ground truth
   * @param iouThreshold the least IoU of a match, in (0, 1]
   * @param minScore detections scoring below this are dropped before matching
   */
  public static DetectionCounts compute(
      Detections detections, GroundTruths truths, double iouThreshold, double minScore) {
    if (Double.isNaN(minScore)) {
      throw new IllegalArgumentException("minScore is NaN");
    }
    Detections kept = keep(detections, minScore);
    boolean[] tp = DetectionMatcher.match(kept, truths, iouThreshold);
    long t = 0;
    for (boolean b : tp) {
      if (b) {
        t++;
      }
    }
    return new DetectionCounts(t, tp.length - t, truths.size() - t);
  }

  /** TP / (TP + FP); 0 when there is no detection. */
  public double precision() {
    long detected = truePositives + falsePositives;
    return detected == 0 ? 0.0 : (double) truePositives / detected;
  }

  /** TP / (TP + FN); refused when there is no ground-truth box. */
  public double recall() {
    long truths = truePositives + falseNegatives;
    if (truths == 0) {
      throw new IllegalArgumentException("recall is undefined: no ground-truth boxes");
    }
    return (double) truePositives / truths;
  }

  private static Detections keep(Detections d, double minScore) {
    int n = 0;
    for (float s : d.scores()) {
      if (s >= minScore) {
        n++;
      }
    }
    if (n == d.size()) {
      return d;
    }
    int[] images = new int[n];
    int[] classes = new int[n];
    float[] boxes = new float[4 * n];
    float[] scores = new float[n];
    int j = 0;
    for (int i = 0; i < d.size(); i++) {
      if (d.scores()[i] >= minScore) {
        images[j] = d.imageIds()[i];
        classes[j] = d.classIds()[i];
        System.arraycopy(d.boxes(), 4 * i, boxes, 4 * j, 4);
        scores[j] = d.scores()[i];
        j++;
      }
    }
    return new Detections(images, classes, boxes, scores);
  }
}
