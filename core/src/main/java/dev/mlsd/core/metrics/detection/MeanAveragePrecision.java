package dev.mlsd.core.metrics.detection;

import dev.mlsd.core.metrics.ScoreOrder;
import java.util.Arrays;

/**
 * Detection mAP: the mean of {@link DetectionAveragePrecision} over the classes that have ground
 * truth, at one IoU threshold ({@code mAP@0.5}, PASCAL VOC) or averaged again over several
 * thresholds ({@code mAP@[0.5:0.95]}, COCO: 0.50, 0.55, ..., 0.95).
 *
 * <pre>
 *   mAP@t = (1/|C|) * sum_{c in C} AP_c(t),   C = classes with at least one ground-truth box
 *   mAP@[T] = (1/|T|) * sum_{t in T} mAP@t
 * </pre>
 *
 * Classes that only appear in detections are ignored (their AP is undefined). Range [0, 1], higher
 * is better. COCO's 101-point interpolation is left out: with all-point interpolation the figure is
 * close to, but not exactly, what pycocotools reports.
 *
 * <p>Book: chapter 3 (mAP over classes and IoU thresholds). Thread safety: stateless.
 */
public final class MeanAveragePrecision {
  private MeanAveragePrecision() {}

  /** COCO's IoU thresholds 0.50, 0.55, ..., 0.95. */
  public static double[] cocoThresholds() {
    double[] t = new double[10];
    for (int i = 0; i < 10; i++) {
      t[i] = 0.5 + 0.05 * i;
    }
    return t;
  }

  /**
   * mAP over classes at one IoU threshold.
   *
   * @param detections the detections
   * @param truths the ground truth, at least one box
   * @param iouThreshold the least IoU of a match, in (0, 1]
   * @param interpolation 11-point or all-point
   */
  public static double compute(
      Detections detections,
      GroundTruths truths,
      double iouThreshold,
      DetectionAveragePrecision.Interpolation interpolation) {
    int[] classes = Arrays.stream(truths.classIds()).distinct().sorted().toArray();
    if (classes.length == 0) {
      throw new IllegalArgumentException("mAP is undefined: no ground-truth boxes");
    }
    // One matching serves every class: matches never cross classes.
    boolean[] tp = DetectionMatcher.match(detections, truths, iouThreshold);
    int[] order = ScoreOrder.descending(detections.scores());
    double sum = 0;
    for (int c : classes) {
      sum +=
          DetectionAveragePrecision.fromMatches(
              detections, tp, order, c, truths.count(c), interpolation);
    }
    return sum / classes.length;
  }

  /**
   * mAP averaged over several IoU thresholds.
   *
   * @param thresholds the IoU thresholds, not empty, each in (0, 1]; {@link #cocoThresholds()} for
   *     COCO's mAP@[0.5:0.95]
   */
  public static double overIouThresholds(
      Detections detections,
      GroundTruths truths,
      double[] thresholds,
      DetectionAveragePrecision.Interpolation interpolation) {
    dev.mlsd.core.metrics.Checks.nonEmpty(thresholds.length, "thresholds");
    double sum = 0;
    for (double t : thresholds) {
      sum += compute(detections, truths, t, interpolation);
    }
    return sum / thresholds.length;
  }
}
