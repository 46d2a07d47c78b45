package dev.mlsd.adctr.data;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Negative down-sampling, the book's answer to class imbalance: keep every click and each non-click
 * with probability {@code rate}. A model trained on the sample over-predicts by a known factor,
 * which {@link dev.mlsd.core.metrics.calibration.DownsamplingRecalibration} removes with {@code q =
 * p / (p + (1 - p) / rate)}.
 *
 * <p>Book: chapter 8, "Challenges: class imbalance".
 *
 * @param rate probability of keeping a negative, in (0, 1]
 * @param seed the sampling seed
 */
public record NegativeDownsampler(double rate, long seed) {
  /** Checks the rate. */
  public NegativeDownsampler {
    if (!(rate > 0 && rate <= 1)) {
      throw new IllegalArgumentException("rate must be in (0, 1], got " + rate);
    }
  }

  /** The kept rows, in their original (time) order. */
  public List<Impression> sample(List<Impression> rows) {
    if (rate == 1) {
      return rows;
    }
    SplittableRandom rnd = new SplittableRandom(seed);
    List<Impression> out = new ArrayList<>();
    for (Impression r : rows) {
      // draw for every row so that the kept set does not depend on the label sequence
      double u = rnd.nextDouble();
      if (r.clicked() || u < rate) {
        out.add(r);
      }
    }
    return out;
  }
}
