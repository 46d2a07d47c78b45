package dev.mlsd.adctr.data;

import java.util.List;

/**
 * A deterministic time-ordered split: the first {@code train} fraction of the log trains, the next
 * {@code validation} fraction tunes (early stopping, calibration), the rest tests. No shuffling: a
 * model is always evaluated on impressions that happened after those it learned from, as it would
 * be in production (no leakage from the future).
 *
 * @param trainFraction fraction of rows for training, in (0, 1)
 * @param validationFraction fraction for validation, in [0, 1), with train + validation &lt; 1
 */
public record TimeSplit(double trainFraction, double validationFraction) {
  /** The split the module uses: 80/10/10. */
  public static final TimeSplit DEFAULT = new TimeSplit(0.8, 0.1);

  /** Checks the fractions. */
  public TimeSplit {
    if (!(trainFraction > 0 && trainFraction < 1)
        || !(validationFraction >= 0)
        || !(trainFraction + validationFraction < 1)) {
      throw new IllegalArgumentException(
          "need 0 < train < 1, validation >= 0, train + validation < 1; got "
              + trainFraction
              + ", "
              + validationFraction);
    }
  }

  /** The three parts of one log. */
  public record Parts(List<Impression> train, List<Impression> validation, List<Impression> test) {}

  /**
   * Splits rows already in time order.
   *
   * @throws IllegalArgumentException if the rows are not in time order or a part would be empty
   */
  public Parts split(List<Impression> rows) {
    for (int i = 1; i < rows.size(); i++) {
      if (rows.get(i).time() < rows.get(i - 1).time()) {
        throw new IllegalArgumentException("rows are not in time order at row " + i);
      }
    }
    int n = rows.size();
    int a = (int) Math.round(n * trainFraction);
    int b = (int) Math.round(n * (trainFraction + validationFraction));
    if (a == 0 || b == n || (validationFraction > 0 && b == a)) {
      throw new IllegalArgumentException("too few rows (" + n + ") to split " + this);
    }
    return new Parts(rows.subList(0, a), rows.subList(a, b), rows.subList(b, n));
  }

  /** A short description for model cards, e.g. "time-ordered 80/10/10". */
  public String describe() {
    return String.format(
        "time-ordered %d/%d/%d",
        Math.round(trainFraction * 100),
        Math.round(validationFraction * 100),
        Math.round((1 - trainFraction - validationFraction) * 100));
  }
}
