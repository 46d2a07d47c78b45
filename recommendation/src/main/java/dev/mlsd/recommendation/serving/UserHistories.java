package dev.mlsd.recommendation.serving;

import dev.mlsd.recommendation.data.Interactions;
import dev.mlsd.recommendation.features.UserRequest;
import java.util.Arrays;

/**
 * The watch history the server holds for each known user: their rows of the log (the batch data)
 * followed by the watches posted since the server started (the online data), oldest first. A
 * request reads the whole of it, so a posted watch is part of the very next recommendation.
 *
 * <p>Thread safety: safe; a user's posted watches are guarded by that user's lock, so reads and
 * appends of different users never contend.
 *
 * <p>Book: chapter 6, "Serving" (online features: the user's latest interactions).
 */
public final class UserHistories {
  private final Interactions log;
  private final int[] end;
  private final Posted[] posted;

  /** One user's posted watches, growing arrays. */
  private static final class Posted {
    int[] items = new int[0];
    float[] ratings = new float[0];
    long[] times = new long[0];
    int length;
  }

  /**
   * @param log the batch log, every row of it; every user gets an (empty) online part
   */
  public UserHistories(Interactions log) {
    this(log, null);
  }

  /**
   * @param log the batch log
   * @param end per user, the end (exclusive row index) of their batch rows, or null for all rows (a
   *     replay starts from the rows before the test period and posts the rest)
   */
  public UserHistories(Interactions log, int[] end) {
    this.log = log;
    this.end = new int[log.userCount()];
    for (int u = 0; u < this.end.length; u++) {
      this.end[u] = end == null ? log.end(u) : end[u];
      if (this.end[u] < log.start(u) || this.end[u] > log.end(u)) {
        throw new IllegalArgumentException("end of user " + u + " outside their rows");
      }
    }
    this.posted = new Posted[log.userCount()];
    for (int u = 0; u < posted.length; u++) {
      posted[u] = new Posted();
    }
  }

  /**
   * Appends a watch to user {@code u}'s history.
   *
   * @param u the dense user index
   * @param item the item index
   * @param rating the stars
   * @param seconds when it was watched, seconds since the epoch; not before the user's last watch
   * @return the user's history length afterwards
   * @throws IllegalArgumentException if {@code seconds} is before the user's last watch
   */
  public int append(int u, int item, float rating, long seconds) {
    Posted p = posted[u];
    synchronized (p) {
      long last =
          p.length > 0
              ? p.times[p.length - 1]
              : end[u] > log.start(u) ? log.timestamp(end[u] - 1) : Long.MIN_VALUE;
      if (seconds < last) {
        throw new IllegalArgumentException(
            "timestamp " + seconds + " is before the user's last watch (" + last + ")");
      }
      if (p.length == p.items.length) {
        int cap = Math.max(8, p.length * 2);
        p.items = Arrays.copyOf(p.items, cap);
        p.ratings = Arrays.copyOf(p.ratings, cap);
        p.times = Arrays.copyOf(p.times, cap);
      }
      p.items[p.length] = item;
      p.ratings[p.length] = rating;
      p.times[p.length] = seconds;
      p.length++;
      return end[u] - log.start(u) + p.length;
    }
  }

  /** The time of user {@code u}'s last watch (batch or posted), or 0 without any. */
  public long lastWatch(int u) {
    Posted p = posted[u];
    synchronized (p) {
      return p.length > 0
          ? p.times[p.length - 1]
          : end[u] > log.start(u) ? log.timestamp(end[u] - 1) : 0;
    }
  }

  /** Watches posted for user {@code u} since the start. */
  public int postedCount(int u) {
    Posted p = posted[u];
    synchronized (p) {
      return p.length;
    }
  }

  /**
   * Fills {@code into} with user {@code u}'s whole history (log rows, then posted watches) at time
   * {@code now}, or at the last posted watch if that is later.
   */
  public UserRequest fill(int u, long now, UserRequest into) {
    Posted p = posted[u];
    synchronized (p) {
      long t = p.length > 0 ? Math.max(now, p.times[p.length - 1]) : now;
      into.fill(log, u, log.start(u), end[u], t);
      for (int i = 0; i < p.length; i++) {
        into.add(p.items[i], p.ratings[i], p.times[i]);
      }
      return into;
    }
  }
}
