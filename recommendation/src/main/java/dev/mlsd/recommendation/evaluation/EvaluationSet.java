package dev.mlsd.recommendation.evaluation;

import dev.mlsd.recommendation.data.Interactions;
import dev.mlsd.recommendation.data.Relevance;
import dev.mlsd.recommendation.data.TimeSplit;
import dev.mlsd.recommendation.features.UserRequest;
import java.util.ArrayList;
import java.util.List;

/**
 * The queries of one offline evaluation: for each user, the request (history known at that time,
 * and the time) and the relevant items (liked items of the held-out period, sorted). Users with no
 * liked item in the held-out period are left out (no metric is defined for them); the count is
 * kept.
 *
 * <p>Thread safety: immutable after construction; {@link #request} fills a caller-owned request.
 */
public final class EvaluationSet {
  /** Which part of the split is held out. */
  public enum Part {
    /** Warm users: history = train rows, targets = validation rows (for tuning and the ranker). */
    VALIDATION,
    /** Warm users: history = train + validation rows, targets = test rows. */
    TEST,
    /** Cold-start users: history = their first rows, targets = the rest. */
    COLD_START
  }

  private final Interactions log;
  private final Part part;
  private final int[] users;
  private final int[] historyEnd;
  private final long[] times;
  private final int[][] relevant;
  private final int skipped;
  private final int lastRows;

  /**
   * @param split the split
   * @param part which held-out part
   */
  public EvaluationSet(TimeSplit split, Part part) {
    this.log = split.interactions();
    this.part = part;
    List<Integer> us = new ArrayList<>();
    List<int[]> rel = new ArrayList<>();
    int skip = 0;
    for (int u = 0; u < log.userCount(); u++) {
      boolean cold = split.isCold(u);
      if ((part == Part.COLD_START) != cold) {
        continue;
      }
      int from = part == Part.VALIDATION ? split.trainEnd(u) : split.valEnd(u);
      int to = part == Part.VALIDATION ? split.valEnd(u) : log.end(u);
      int[] liked =
          java.util.stream.IntStream.range(from, to)
              .filter(r -> Relevance.liked(log.rating(r)))
              .map(log::item)
              .sorted()
              .distinct()
              .toArray();
      if (liked.length == 0) {
        skip++;
        continue;
      }
      us.add(u);
      rel.add(liked);
    }
    users = us.stream().mapToInt(Integer::intValue).toArray();
    relevant = rel.toArray(new int[0][]);
    historyEnd = new int[users.length];
    times = new long[users.length];
    for (int q = 0; q < users.length; q++) {
      int u = users[q];
      historyEnd[q] = part == Part.VALIDATION ? split.trainEnd(u) : split.valEnd(u);
      times[q] = log.timestamp(historyEnd[q]);
    }
    skipped = skip;
    lastRows = Integer.MAX_VALUE;
  }

  private EvaluationSet(EvaluationSet of, int lastRows) {
    this.log = of.log;
    this.part = of.part;
    this.users = of.users;
    this.historyEnd = of.historyEnd;
    this.times = of.times;
    this.relevant = of.relevant;
    this.skipped = of.skipped;
    this.lastRows = lastRows;
  }

  /**
   * The same queries with only the last {@code rows} rows of each history known, as anonymous
   * requests (user -1): a known user's targets and time, seen as a new user with a short session
   * (the cold-start shape, on many more users than the held-out cold-start group).
   *
   * @param rows history rows kept, at least 1
   */
  public EvaluationSet withLastRows(int rows) {
    if (rows < 1) {
      throw new IllegalArgumentException("rows must be >= 1, got " + rows);
    }
    return new EvaluationSet(this, rows);
  }

  /** History rows kept per request ({@link Integer#MAX_VALUE}: all of them). */
  public int lastRows() {
    return lastRows;
  }

  /** Which part. */
  public Part part() {
    return part;
  }

  /** The number of queries. */
  public int size() {
    return users.length;
  }

  /** Users left out for having no liked item in the held-out period. */
  public int skipped() {
    return skipped;
  }

  /** The user index of query q. */
  public int user(int q) {
    return users[q];
  }

  /** The relevant items of query q, sorted ascending (read only). */
  public int[] relevant(int q) {
    return relevant[q];
  }

  /**
   * Fills the request of query q: the user's history up to the held-out period, at the time of its
   * first held-out row (only the last {@link #lastRows()} rows of it). Cold-start and shortened
   * requests are anonymous (user -1).
   */
  public UserRequest request(int q, UserRequest into) {
    int u = users[q];
    boolean whole = lastRows == Integer.MAX_VALUE;
    int from = whole ? log.start(u) : Math.max(log.start(u), historyEnd[q] - lastRows);
    boolean anonymous = part == Part.COLD_START || !whole;
    return into.fill(log, anonymous ? -1 : u, from, historyEnd[q], times[q]);
  }
}
