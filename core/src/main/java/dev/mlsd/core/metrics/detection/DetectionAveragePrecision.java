package dev.mlsd.core.metrics.detection;

import dev.mlsd.core.metrics.ScoreOrder;

/**
 * Average precision of one class of a detector: the area under its interpolated precision-recall
 * curve. Detections of the class are matched at an IoU threshold ({@link DetectionMatcher}), sorted
 * by score, and precision p(r) and recall r computed after each one; the interpolated precision is
 * the best precision at any recall at least r, p_interp(r) = max_{r' >= r} p(r'). Then
 *
 * <pre>
 *   11-point (PASCAL VOC 2007):  AP = (1/11) * sum_{t in {0, 0.1, ..., 1}} p_interp(t)
 *   all-point (VOC 2010+):       AP = sum_i (r_i - r_{i-1}) * p_interp(r_i)
 * </pre>
 *
 * (p_interp(t) = 0 when no recall reaches t). Range [0, 1], higher is better. A class with no
 * ground-truth box is refused; a class with ground truth but no detection scores 0. Reference:
 * Everingham et al., "The PASCAL Visual Object Classes (VOC) Challenge", IJCV 2010.
 *
 * <p>Book: chapter 3. Thread safety: stateless.
 */
public final class DetectionAveragePrecision {
  private DetectionAveragePrecision() {}

  /** How the precision-recall curve is summarised. */
  public enum Interpolation {
    /** The mean of the interpolated precision at recall 0, 0.1, ..., 1 (PASCAL VOC 2007). */
    ELEVEN_POINT,
    /** The exact area under the interpolated curve (PASCAL VOC 2010 onwards). */
    ALL_POINT
  }

  /**
   * AP of one class.
   *
   * @param detections the detections (of all classes; only {@code classId} is used)
   * @param truths the ground truth (of all classes)
   * @param classId the class to evaluate; it must have at least one ground-truth box
   * @param iouThreshold the least IoU of a match, in (0, 1]
   * @param interpolation 11-point or all-point
   */
  public static double compute(
      Detections detections,
      GroundTruths truths,
      int classId,
      double iouThreshold,
      Interpolation interpolation) {
    int positives = truths.count(classId);
    if (positives == 0) {
      throw new IllegalArgumentException(
          "AP is undefined: class " + classId + " has no ground truth");
    }
    boolean[] tp = DetectionMatcher.match(detections, truths, iouThreshold);
    int[] order = ScoreOrder.descending(detections.scores());
    return fromMatches(detections, tp, order, classId, positives, interpolation);
  }

  /**
   * AP of one class from matches already made.
   *
   * @param tp per detection, whether it matched
   * @param order the detections by score, highest first
   * @param positives the number of ground-truth boxes of the class, at least 1
   */
  static double fromMatches(
      Detections detections,
      boolean[] tp,
      int[] order,
      int classId,
      int positives,
      Interpolation interpolation) {
    int n = 0;
    for (int d : order) {
      if (detections.classIds()[d] == classId) {
        n++;
      }
    }
    double[] precision = new double[n];
    double[] recall = new double[n];
    int i = 0;
    long cumTp = 0;
    for (int d : order) {
      if (detections.classIds()[d] != classId) {
        continue;
      }
      if (tp[d]) {
        cumTp++;
      }
      precision[i] = (double) cumTp / (i + 1);
      recall[i] = (double) cumTp / positives;
      i++;
    }
    // The precision envelope: from the right, each precision becomes the max to its right.
    for (int j = n - 2; j >= 0; j--) {
      precision[j] = Math.max(precision[j], precision[j + 1]);
    }
    return interpolation == Interpolation.ELEVEN_POINT
        ? elevenPoint(precision, recall)
        : allPoint(precision, recall);
  }

  private static double allPoint(double[] envelope, double[] recall) {
    double ap = 0;
    double previous = 0;
    for (int i = 0; i < recall.length; i++) {
      ap += (recall[i] - previous) * envelope[i];
      previous = recall[i];
    }
    return ap;
  }

  private static double elevenPoint(double[] envelope, double[] recall) {
    double sum = 0;
    int i = 0;
    for (int t = 0; t <= 10; t++) {
      double target = t / 10.0;
      // Recall is non-decreasing: the first point reaching the target carries the envelope max.
      while (i < recall.length && recall[i] < target - 1e-12) {
        i++;
      }
      sum += i < recall.length ? envelope[i] : 0.0;
    }
    return sum / 11;
  }
}
