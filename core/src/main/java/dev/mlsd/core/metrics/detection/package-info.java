/**
 * Object-detection metrics: {@link dev.mlsd.core.metrics.detection.Iou}, greedy matching of
 * detections to ground truth at an IoU threshold ({@link
 * dev.mlsd.core.metrics.detection.DetectionMatcher}), precision and recall at that threshold
 * ({@link dev.mlsd.core.metrics.detection.DetectionCounts}), average precision with 11-point or
 * all-point interpolation ({@link dev.mlsd.core.metrics.detection.DetectionAveragePrecision}) and
 * mAP over classes and IoU thresholds ({@link
 * dev.mlsd.core.metrics.detection.MeanAveragePrecision}).
 *
 * <p>Boxes are packed four floats per box, corner format {@code x1, y1, x2, y2} with {@code x2 >=
 * x1} and {@code y2 >= y1}, in any one unit (pixels). Detections and ground truths carry an image
 * id and a class id per box; see {@link dev.mlsd.core.metrics.detection.Detections} and {@link
 * dev.mlsd.core.metrics.detection.GroundTruths}.
 *
 * <p>Book: chapter 3 (Street View blurring: IoU, precision at an IoU threshold, AP, mAP).
 */
package dev.mlsd.core.metrics.detection;
