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
   * first held-out row. Cold-start requests are anonymous (user -1).
   */
  public UserRequest request(int q, UserRequest into) {
    int u = users[q];
    return into.fill(log, part == Part.COLD_START ? -1 : u, log.start(u), historyEnd[q], times[q]);
  }
}
