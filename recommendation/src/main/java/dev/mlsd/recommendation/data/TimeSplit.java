package dev.mlsd.recommendation.data;

import java.util.SplittableRandom;

/**
 * The evaluation protocol's split, per user and by time, plus users held out entirely for the
 * cold-start evaluation.
 *
 * <ul>
 *   <li><b>Warm users</b>: each user's rows in time order; the last {@code testFraction} are the
 *       test set, the {@code valFraction} before them validation, the rest training (each part at
 *       least one row).
 *   <li><b>Cold-start users</b>: a seeded {@code coldFraction} of users contribute nothing to
 *       training. At test time their first {@code coldHistory} rows are given as the request's
 *       history (an anonymous user's session), and everything after is their test set.
 * </ul>
 *
 * For every user, the rows known at test time are {@code [start, valEnd)}, and the test rows are
 * {@code [valEnd, end)}. Training rows are {@code [start, trainEnd)} (empty for cold users);
 * validation rows {@code [trainEnd, valEnd)} of warm users.
 *
 * <p>Thread safety: immutable.
 *
 * <p>Book: chapter 6, "Data preparation" and "Evaluation"; chapter 1 on time-based splits.
 */
public final class TimeSplit {
  /**
   * The split's parameters.
   *
   * @param testFraction share of each warm user's latest rows used as test, in (0, 1)
   * @param valFraction share of the rows before the test used as validation, in (0, 1)
   * @param coldFraction share of users held out entirely, in [0, 1)
   * @param coldHistory rows of a cold user given as request history, at least 1
   * @param seed seed for choosing the cold users
   * @param coldOffset where the cold users start in the seeded shuffle of all users (wrapping
   *     around): 0 for the demo; {@code k * round(coldFraction * users)} makes the k-th of disjoint
   *     cold-start folds ({@code dev.mlsd.recommendation.ColdStartFolds})
   */
  public record Params(
      double testFraction,
      double valFraction,
      double coldFraction,
      int coldHistory,
      long seed,
      int coldOffset) {
    public Params {
      if (!(testFraction > 0 && testFraction < 1 && valFraction > 0 && valFraction < 1)) {
        throw new IllegalArgumentException("test and validation fractions must be in (0, 1)");
      }
      if (testFraction + valFraction >= 1) {
        throw new IllegalArgumentException("test + validation fractions must be below 1");
      }
      if (!(coldFraction >= 0 && coldFraction < 1)) {
        throw new IllegalArgumentException("coldFraction must be in [0, 1), got " + coldFraction);
      }
      if (coldHistory < 1) {
        throw new IllegalArgumentException("coldHistory must be >= 1, got " + coldHistory);
      }
      if (coldOffset < 0) {
        throw new IllegalArgumentException("coldOffset must be >= 0, got " + coldOffset);
      }
    }

    /** The demo's shape: the cold users are the first of the seeded shuffle (offset 0). */
    public Params(
        double testFraction, double valFraction, double coldFraction, int coldHistory, long seed) {
      this(testFraction, valFraction, coldFraction, coldHistory, seed, 0);
    }

    /** The same split with the cold users starting at {@code offset} in the seeded shuffle. */
    public Params withColdOffset(int offset) {
      return new Params(testFraction, valFraction, coldFraction, coldHistory, seed, offset);
    }

    /** The defaults the demo uses: 20% test, 10% validation, 10% cold users with 5 rows shown. */
    public static Params defaults() {
      return new Params(0.2, 0.1, 0.1, 5, 42L);
    }

    /** One line for model cards. */
    public String describe() {
      return String.format(
          java.util.Locale.ROOT,
          "per-user time split: last %.0f%% test, previous %.0f%% validation, rest train;"
              + " %.0f%% of users held out as cold-start (first %d rows as history), seed %d%s",
          testFraction * 100,
          valFraction * 100,
          coldFraction * 100,
          coldHistory,
          seed,
          coldOffset == 0 ? "" : ", cold users from position " + coldOffset + " of the shuffle");
    }
  }

  private final Interactions interactions;
  private final Params params;
  private final boolean[] cold;
  private final int[] trainEnd;
  private final int[] valEnd;

  /**
   * Splits the log.
   *
   * @throws IllegalArgumentException if a user has fewer than 3 rows (warm) or fewer than {@code
   *     coldHistory + 1} rows (cold)
   */
  public TimeSplit(Interactions interactions, Params params) {
    this.interactions = interactions;
    this.params = params;
    int users = interactions.userCount();
    cold = new boolean[users];
    int[] order = new int[users];
    for (int u = 0; u < users; u++) {
      order[u] = u;
    }
    SplittableRandom rnd = new SplittableRandom(params.seed());
    for (int i = users - 1; i > 0; i--) {
      int j = rnd.nextInt(i + 1);
      int t = order[i];
      order[i] = order[j];
      order[j] = t;
    }
    int coldCount = (int) Math.round(params.coldFraction() * users);
    for (int i = 0; i < coldCount; i++) {
      cold[order[(params.coldOffset() + i) % users]] = true;
    }
    trainEnd = new int[users];
    valEnd = new int[users];
    for (int u = 0; u < users; u++) {
      int s = interactions.start(u);
      int n = interactions.end(u) - s;
      if (cold[u]) {
        if (n < params.coldHistory() + 1) {
          throw new IllegalArgumentException(
              "cold user " + interactions.userId(u) + " has only " + n + " rows");
        }
        trainEnd[u] = s;
        valEnd[u] = s + params.coldHistory();
      } else {
        if (n < 3) {
          throw new IllegalArgumentException(
              "user " + interactions.userId(u) + " has only " + n + " rows; need 3");
        }
        int test = Math.max(1, (int) Math.round(params.testFraction() * n));
        int val = Math.max(1, (int) Math.round(params.valFraction() * n));
        if (test + val >= n) {
          test = 1;
          val = 1;
        }
        valEnd[u] = s + n - test;
        trainEnd[u] = valEnd[u] - val;
      }
    }
  }

  /** The split log. */
  public Interactions interactions() {
    return interactions;
  }

  /** The parameters. */
  public Params params() {
    return params;
  }

  /** Whether a user is held out for cold-start evaluation. */
  public boolean isCold(int user) {
    return cold[user];
  }

  /** One past the last training row of a user ({@code start} for cold users). */
  public int trainEnd(int user) {
    return trainEnd[user];
  }

  /** One past the last row known at test time; the test rows start here. */
  public int valEnd(int user) {
    return valEnd[user];
  }

  /** The number of cold users. */
  public int coldCount() {
    int c = 0;
    for (boolean b : cold) {
      c += b ? 1 : 0;
    }
    return c;
  }

  /**
   * The time at which training data ends for a user: the timestamp of its first validation row
   * (warm) or of its first row (cold).
   */
  public long trainCutoff(int user) {
    int r = cold[user] ? interactions.start(user) : trainEnd[user];
    return interactions.timestamp(r);
  }

  /** The time of a user's first test row, the "now" of its test request. */
  public long testTime(int user) {
    return interactions.timestamp(valEnd[user]);
  }

  /** The time of a warm user's first validation row, the "now" of its validation request. */
  public long validationTime(int user) {
    return interactions.timestamp(trainEnd[user]);
  }
}
