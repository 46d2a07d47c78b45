package dev.mlsd.core.metrics.detection;

import static dev.mlsd.core.metrics.detection.DetectionAveragePrecision.Interpolation.ALL_POINT;
import static dev.mlsd.core.metrics.detection.DetectionAveragePrecision.Interpolation.ELEVEN_POINT;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class DetectionMetricsTest {
  // Image 0: objects A (0,0,10,10) and B (20,20,30,30); image 1: object C (0,0,10,10).
  private static final GroundTruths TRUTHS =
      GroundTruths.ofOneClass(
          new int[] {0, 0, 1}, new float[] {0, 0, 10, 10, 20, 20, 30, 30, 0, 0, 10, 10});

  // By score: d0 finds A; d1 is a second box on A (IoU 0.68, A taken: false positive); d2 hits
  // nothing; d3 finds B; d4 finds C. True positives in score order: 1, 0, 0, 1, 1.
  private static final Detections DETECTIONS =
      Detections.ofOneClass(
          new int[] {0, 0, 1, 0, 1},
          new float[] {0, 0, 10, 10, 1, 1, 11, 11, 50, 50, 60, 60, 20, 20, 30, 30, 0, 0, 10, 10},
          new float[] {0.9f, 0.8f, 0.7f, 0.6f, 0.5f});

  @Test
  void iouByHand() {
    float[] a = {0, 0, 10, 10};
    assertEquals(1.0 / 7, Iou.compute(a, new float[] {5, 5, 15, 15}), 1e-12);
    assertEquals(0.25, Iou.compute(a, new float[] {0, 0, 5, 5}), 1e-12);
    assertEquals(1.0, Iou.compute(a, a), 1e-12);
    assertEquals(0.0, Iou.compute(a, new float[] {10, 0, 20, 10}), "touching edges");
    assertEquals(0.0, Iou.compute(a, new float[] {30, 30, 40, 40}));
    assertEquals(81.0 / 119, Iou.compute(a, new float[] {1, 1, 11, 11}), 1e-12);
  }

  @Test
  void matchingByHand() {
    assertArrayEquals(
        new boolean[] {true, false, false, true, true},
        DetectionMatcher.match(DETECTIONS, TRUTHS, 0.5));
  }

  @Test
  void matchingPrefersTheHigherIou() {
    // One detection overlapping two objects goes to the closer one; the next finds the other.
    GroundTruths truths =
        GroundTruths.ofOneClass(new int[] {0, 0}, new float[] {0, 0, 10, 10, 2, 0, 12, 10});
    Detections detections =
        Detections.ofOneClass(
            new int[] {0, 0}, new float[] {2, 0, 12, 10, 0, 0, 10, 10}, new float[] {0.9f, 0.8f});
    assertArrayEquals(new boolean[] {true, true}, DetectionMatcher.match(detections, truths, 0.5));
  }

  @Test
  void precisionAndRecallAtIouThreshold() {
    DetectionCounts all =
        DetectionCounts.compute(DETECTIONS, TRUTHS, 0.5, Double.NEGATIVE_INFINITY);
    assertEquals(new DetectionCounts(3, 2, 0), all);
    assertEquals(0.6, all.precision(), 1e-12);
    assertEquals(1.0, all.recall(), 1e-12);
    // Keep the three detections scoring at least 0.65: only A is found.
    DetectionCounts confident = DetectionCounts.compute(DETECTIONS, TRUTHS, 0.5, 0.65);
    assertEquals(new DetectionCounts(1, 2, 2), confident);
    assertEquals(1.0 / 3, confident.precision(), 1e-12);
    assertEquals(1.0 / 3, confident.recall(), 1e-12);
  }

  @Test
  void averagePrecisionByHand() {
    // precision 1, 1/2, 1/3, 1/2, 3/5 at recall 1/3, 1/3, 1/3, 2/3, 1; envelope 1, .6, .6, .6, .6.
    // All-point: 1/3 * 1 + 1/3 * 0.6 + 1/3 * 0.6 = 11/15.
    assertEquals(
        11.0 / 15, DetectionAveragePrecision.compute(DETECTIONS, TRUTHS, 0, 0.5, ALL_POINT), 1e-12);
    // 11-point: recall 0, 0.1, 0.2, 0.3 -> 1; 0.4 ... 1.0 -> 0.6: (4 + 7 * 0.6) / 11.
    assertEquals(
        8.2 / 11,
        DetectionAveragePrecision.compute(DETECTIONS, TRUTHS, 0, 0.5, ELEVEN_POINT),
        1e-12);
  }

  @Test
  void meanOverClassesAndIouThresholds() {
    // Class 1 adds one object (40,40,50,50) and one detection at IoU 81/119 = 0.68 with it.
    GroundTruths truths =
        new GroundTruths(
            new int[] {0, 0, 1, 0},
            new int[] {0, 0, 0, 1},
            new float[] {0, 0, 10, 10, 20, 20, 30, 30, 0, 0, 10, 10, 40, 40, 50, 50});
    Detections detections =
        new Detections(
            new int[] {0, 0, 1, 0, 1, 0},
            new int[] {0, 0, 0, 0, 0, 1},
            new float[] {
              0, 0, 10, 10, 1, 1, 11, 11, 50, 50, 60, 60, 20, 20, 30, 30, 0, 0, 10, 10, 41, 41, 51,
              51
            },
            new float[] {0.9f, 0.8f, 0.7f, 0.6f, 0.5f, 0.3f});
    assertEquals(
        (11.0 / 15 + 1) / 2,
        MeanAveragePrecision.compute(detections, truths, 0.5, ALL_POINT),
        1e-12);
    assertEquals(
        (11.0 / 15 + 0) / 2,
        MeanAveragePrecision.compute(detections, truths, 0.75, ALL_POINT),
        1e-12);
    // Class 1 is found at thresholds 0.50, 0.55, 0.60, 0.65 of the ten COCO thresholds.
    assertEquals(
        (11.0 / 15 + 0.4) / 2,
        MeanAveragePrecision.overIouThresholds(
            detections, truths, MeanAveragePrecision.cocoThresholds(), ALL_POINT),
        1e-12);
    // A class absent from the ground truth is ignored; one with no detection scores 0.
    GroundTruths withMissed =
        new GroundTruths(
            new int[] {0, 3}, new int[] {0, 2}, new float[] {0, 0, 10, 10, 0, 0, 1, 1});
    Detections onlyClass0 =
        new Detections(
            new int[] {0, 0},
            new int[] {0, 7},
            new float[] {0, 0, 10, 10, 0, 0, 10, 10},
            new float[] {0.9f, 0.8f});
    assertEquals(0.5, MeanAveragePrecision.compute(onlyClass0, withMissed, 0.5, ALL_POINT), 1e-12);
  }

  @Test
  void perfectDetectionsScoreOneAndRandomOnesStayInRange() {
    SplittableRandom random = new SplittableRandom(91);
    for (int trial = 0; trial < 50; trial++) {
      int m = 1 + random.nextInt(30);
      int[] images = new int[m];
      int[] classes = new int[m];
      float[] boxes = new float[4 * m];
      for (int g = 0; g < m; g++) {
        images[g] = random.nextInt(5);
        classes[g] = random.nextInt(3);
        float x = (float) (random.nextDouble() * 100);
        float y = (float) (random.nextDouble() * 100);
        boxes[4 * g] = x;
        boxes[4 * g + 1] = y;
        boxes[4 * g + 2] = x + 1 + (float) (random.nextDouble() * 20);
        boxes[4 * g + 3] = y + 1 + (float) (random.nextDouble() * 20);
      }
      GroundTruths truths = new GroundTruths(images, classes, boxes);
      float[] scores = new float[m];
      for (int g = 0; g < m; g++) {
        scores[g] = (float) random.nextDouble();
      }
      Detections perfect = new Detections(images, classes, boxes, scores);
      assertEquals(1.0, MeanAveragePrecision.compute(perfect, truths, 0.5, ALL_POINT), 1e-12);
      assertEquals(1.0, MeanAveragePrecision.compute(perfect, truths, 0.95, ELEVEN_POINT), 1e-12);
      // Jitter every box: APs fall but stay in [0, 1].
      float[] jittered = boxes.clone();
      for (int i = 0; i < jittered.length; i += 2) {
        float dx = (float) ((random.nextDouble() - 0.5) * 6);
        jittered[i] += dx;
      }
      for (int g = 0; g < m; g++) {
        if (jittered[4 * g + 2] < jittered[4 * g]) {
          jittered[4 * g + 2] = jittered[4 * g];
        }
      }
      Detections noisy = new Detections(images, classes, jittered, scores);
      for (var interpolation : DetectionAveragePrecision.Interpolation.values()) {
        double map = MeanAveragePrecision.compute(noisy, truths, 0.5, interpolation);
        assertTrue(map >= 0 && map <= 1, "mAP " + map);
      }
    }
  }

  @Test
  void refusesBadInput() {
    assertThrows(
        IllegalArgumentException.class, () -> Iou.compute(new float[] {0, 0, 1}, new float[4]));
    assertThrows(
        IllegalArgumentException.class,
        () -> Iou.compute(new float[] {5, 0, 1, 1}, new float[] {0, 0, 1, 1}));
    assertThrows(
        IllegalArgumentException.class,
        () -> Iou.compute(new float[] {0, 0, Float.NaN, 1}, new float[] {0, 0, 1, 1}));
    assertThrows(
        IllegalArgumentException.class,
        () -> Detections.ofOneClass(new int[] {0}, new float[] {0, 0, 1, 1}, new float[] {}));
    assertThrows(
        IllegalArgumentException.class,
        () ->
            Detections.ofOneClass(
                new int[] {0}, new float[] {0, 0, 1, 1}, new float[] {Float.NaN}));
    assertThrows(
        IllegalArgumentException.class, () -> DetectionMatcher.match(DETECTIONS, TRUTHS, 0.0));
    assertThrows(
        IllegalArgumentException.class,
        () -> DetectionAveragePrecision.compute(DETECTIONS, TRUTHS, 5, 0.5, ALL_POINT));
    assertThrows(
        IllegalArgumentException.class,
        () ->
            MeanAveragePrecision.compute(
                DETECTIONS, GroundTruths.ofOneClass(new int[0], new float[0]), 0.5, ALL_POINT));
    assertThrows(IllegalArgumentException.class, () -> new DetectionCounts(0, 1, 0).recall());
  }
}
