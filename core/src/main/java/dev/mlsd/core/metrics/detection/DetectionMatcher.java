package dev.mlsd.core.metrics.detection;

import dev.mlsd.core.metrics.ScoreOrder;
import java.util.Arrays;

/**
 * Greedy matching of detections to ground-truth boxes, as PASCAL VOC and COCO evaluate detectors:
 * detections are visited by score, highest first (ties by index); each is matched to the
 * not-yet-matched ground-truth box of the same image and class with the highest IoU (ties to the
 * lower ground-truth index), if that IoU is at least the threshold. A matched detection is a true
 * positive; the others are false positives, duplicates of an already-found object included;
 * unmatched ground truths are false negatives.
 *
 * <p>Book: chapter 3. Thread safety: stateless.
 */
public final class DetectionMatcher {
  private DetectionMatcher() {}

  /**
   * Matches detections to ground truth.
   *
   * @param detections the detections
   * @param truths the ground truth
   * @param iouThreshold the least IoU of a match, in (0, 1] (0.5 for PASCAL VOC)
   * @return per detection (in input order), whether it is a true positive
   */
  public static boolean[] match(Detections detections, GroundTruths truths, double iouThreshold) {
    if (!(iouThreshold > 0 && iouThreshold <= 1)) {
      throw new IllegalArgumentException("IoU threshold must be in (0, 1], got " + iouThreshold);
    }
    // Ground truths sorted by (image, index), packed in one long each: the boxes of one image are
    // a contiguous run, found by binary search on the image id in the high half.
    int m = truths.size();
    long[] byImage = new long[m];
    for (int g = 0; g < m; g++) {
      byImage[g] = ((long) truths.imageIds()[g] << 32) | g;
    }
    Arrays.sort(byImage);
    boolean[] taken = new boolean[m];
    boolean[] truePositive = new boolean[detections.size()];
    for (int d : ScoreOrder.descending(detections.scores())) {
      int image = detections.imageIds()[d];
      int cls = detections.classIds()[d];
      int best = -1;
      double bestIou = iouThreshold;
      for (int r = firstOfImage(byImage, image); r < m && (int) (byImage[r] >> 32) == image; r++) {
        int g = (int) byImage[r];
        if (taken[g] || truths.classIds()[g] != cls) {
          continue;
        }
        double iou = Iou.compute(detections.boxes(), d, truths.boxes(), g);
        if (iou > bestIou || (best < 0 && iou == bestIou)) {
          best = g;
          bestIou = iou;
        }
      }
      if (best >= 0) {
        taken[best] = true;
        truePositive[d] = true;
      }
    }
    return truePositive;
  }

  /** The first position whose image id is at least {@code image}. */
  private static int firstOfImage(long[] byImage, int image) {
    long key = (long) image << 32;
    int lo = 0;
    int hi = byImage.length;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (byImage[mid] < key) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }
}
