package dev.mlsd.core.metrics.detection;

import static dev.mlsd.core.metrics.detection.DetectionAveragePrecision.Interpolation.ALL_POINT;
import static dev.mlsd.core.metrics.detection.DetectionAveragePrecision.Interpolation.ELEVEN_POINT;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Cross-checks detection AP against a second, naive implementation written after the PASCAL VOC
 * devkit ({@code voc_eval.py}: per-class greedy matching over sorted detections, then {@code
 * voc_ap} with sentinel padding), on seeded random scenes. Boxes live in separate 50-pixel cells,
 * so a detection overlaps at most one object and the devkit's "best of all objects" rule and our
 * "best unmatched object" rule agree.
 */
class VocTwinTest {
  @Test
  void agreesWithVocDevkitStyleTwinOnRandomScenes() {
    SplittableRandom random = new SplittableRandom(101);
    for (int trial = 0; trial < 60; trial++) {
      List<float[]> gt = new ArrayList<>(); // image, class, x1, y1, x2, y2
      List<float[]> det = new ArrayList<>(); // image, class, x1, y1, x2, y2, score
      int images = 1 + random.nextInt(4);
      for (int img = 0; img < images; img++) {
        for (int cell = 0; cell < 9; cell++) {
          float cx = 50 * (cell % 3);
          float cy = 50 * (cell / 3);
          int cls = random.nextInt(3);
          if (random.nextDouble() < 0.7) {
            float w = 10 + (float) (random.nextDouble() * 20);
            float h = 10 + (float) (random.nextDouble() * 20);
            float x = cx + 5;
            float y = cy + 5;
            gt.add(new float[] {img, cls, x, y, x + w, y + h});
            int copies = random.nextInt(3); // 0: missed, 2: a duplicate
            for (int c = 0; c < copies; c++) {
              float dx = (float) ((random.nextDouble() - 0.5) * 10);
              float dy = (float) ((random.nextDouble() - 0.5) * 10);
              det.add(
                  new float[] {
                    img, cls, x + dx, y + dy, x + dx + w, y + dy + h, (float) random.nextDouble()
                  });
            }
          }
          if (random.nextDouble() < 0.3) {
            float x = cx + (float) (random.nextDouble() * 20);
            float y = cy + (float) (random.nextDouble() * 20);
            det.add(
                new float[] {
                  img, random.nextInt(3), x, y, x + 15, y + 15, (float) random.nextDouble()
                });
          }
        }
      }
      GroundTruths truths = toTruths(gt);
      Detections detections = toDetections(det);
      for (double iou : new double[] {0.3, 0.5, 0.7}) {
        for (int cls = 0; cls < 3; cls++) {
          if (truths.count(cls) == 0) {
            continue;
          }
          assertEquals(
              twinAp(gt, det, cls, iou, false),
              DetectionAveragePrecision.compute(detections, truths, cls, iou, ALL_POINT),
              1e-12);
          assertEquals(
              twinAp(gt, det, cls, iou, true),
              DetectionAveragePrecision.compute(detections, truths, cls, iou, ELEVEN_POINT),
              1e-12);
        }
      }
    }
  }

  /** The devkit's algorithm, written plainly. */
  private static double twinAp(
      List<float[]> gt, List<float[]> det, int cls, double threshold, boolean elevenPoint) {
    List<float[]> objects = gt.stream().filter(g -> g[1] == cls).toList();
    boolean[] found = new boolean[objects.size()];
    List<float[]> mine = new ArrayList<>(det.stream().filter(d -> d[1] == cls).toList());
    mine.sort((a, b) -> Float.compare(b[6], a[6]));
    int n = mine.size();
    double[] tp = new double[n];
    double[] fp = new double[n];
    for (int i = 0; i < n; i++) {
      float[] d = mine.get(i);
      double best = -1;
      int which = -1;
      for (int j = 0; j < objects.size(); j++) {
        float[] g = objects.get(j);
        if (g[0] != d[0]) {
          continue;
        }
        double o = overlap(d, g);
        if (o > best) {
          best = o;
          which = j;
        }
      }
      if (best >= threshold && best > 0 && !found[which]) {
        tp[i] = 1;
        found[which] = true;
      } else {
        fp[i] = 1;
      }
    }
    double[] rec = new double[n];
    double[] prec = new double[n];
    double ctp = 0;
    double cfp = 0;
    for (int i = 0; i < n; i++) {
      ctp += tp[i];
      cfp += fp[i];
      rec[i] = ctp / objects.size();
      prec[i] = ctp / (ctp + cfp);
    }
    if (elevenPoint) {
      double ap = 0;
      for (int t = 0; t <= 10; t++) {
        double p = 0;
        for (int i = 0; i < n; i++) {
          if (rec[i] >= t / 10.0 - 1e-12) {
            p = Math.max(p, prec[i]);
          }
        }
        ap += p / 11;
      }
      return ap;
    }
    double[] mrec = new double[n + 2];
    double[] mpre = new double[n + 2];
    mrec[n + 1] = 1;
    for (int i = 0; i < n; i++) {
      mrec[i + 1] = rec[i];
      mpre[i + 1] = prec[i];
    }
    for (int i = n; i >= 0; i--) {
      mpre[i] = Math.max(mpre[i], mpre[i + 1]);
    }
    double ap = 0;
    for (int i = 0; i <= n; i++) {
      if (mrec[i + 1] != mrec[i]) {
        ap += (mrec[i + 1] - mrec[i]) * mpre[i + 1];
      }
    }
    return ap;
  }

  private static double overlap(float[] a, float[] b) {
    double iw = Math.min(a[4], b[4]) - Math.max(a[2], b[2]);
    double ih = Math.min(a[5], b[5]) - Math.max(a[3], b[3]);
    if (iw <= 0 || ih <= 0) {
      return 0;
    }
    double inter = iw * ih;
    double ua =
        ((double) a[4] - a[2]) * ((double) a[5] - a[3])
            + ((double) b[4] - b[2]) * ((double) b[5] - b[3])
            - inter;
    return inter / ua;
  }

  private static GroundTruths toTruths(List<float[]> gt) {
    int m = gt.size();
    int[] images = new int[m];
    int[] classes = new int[m];
    float[] boxes = new float[4 * m];
    for (int i = 0; i < m; i++) {
      float[] g = gt.get(i);
      images[i] = (int) g[0];
      classes[i] = (int) g[1];
      System.arraycopy(g, 2, boxes, 4 * i, 4);
    }
    return new GroundTruths(images, classes, boxes);
  }

  private static Detections toDetections(List<float[]> det) {
    int n = det.size();
    int[] images = new int[n];
    int[] classes = new int[n];
    float[] boxes = new float[4 * n];
    float[] scores = new float[n];
    for (int i = 0; i < n; i++) {
      float[] d = det.get(i);
      images[i] = (int) d[0];
      classes[i] = (int) d[1];
      System.arraycopy(d, 2, boxes, 4 * i, 4);
      scores[i] = d[6];
    }
    return new Detections(images, classes, boxes, Arrays.copyOf(scores, n));
  }
}
